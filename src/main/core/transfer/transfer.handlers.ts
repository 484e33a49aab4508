import type { HandlersOf } from '../handlers.types';
import { commitImport, previewImport } from './sheet-import';
import { IMPORT_SPECS } from './import-specs';

export const transferHandlers: HandlersOf<'transfer:'> = {
  'transfer:preview': (input, ctx) => previewImport(ctx, input.fileName, Buffer.from(input.base64, 'base64'), IMPORT_SPECS),
  'transfer:import': (input, ctx) => commitImport(ctx, input.fileName, Buffer.from(input.base64, 'base64'), IMPORT_SPECS),
};
