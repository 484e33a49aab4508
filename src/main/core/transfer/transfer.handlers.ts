import type { HandlersOf } from '../handlers.types';
import { commitImport, previewImport } from './sheet-import';
import { IMPORT_SPECS } from './import-specs';
import { importTemplate, inspectFile, registerColumns } from './import-guide';
import { deleteMapping, listMappings, parseMappingFile, saveMapping } from './mappings.service';
import { copyProgress, copyRegister } from './copy-register';

const bytesOf = (base64: string) => Buffer.from(base64, 'base64');

export const transferHandlers: HandlersOf<'transfer:'> = {
  'transfer:preview': (input, ctx) => previewImport(ctx, input.fileName, bytesOf(input.base64), IMPORT_SPECS, { mapping: input.mapping }),
  'transfer:import': (input, ctx) => commitImport(ctx, input.fileName, bytesOf(input.base64), IMPORT_SPECS, { mapping: input.mapping }),
  'transfer:registers': async () => registerColumns(),
  'transfer:template': (input) => importTemplate(input.register, input.language, input.format),
  'transfer:inspect': (input, ctx) => inspectFile(ctx, input.fileName, bytesOf(input.base64), input.register, input.sheet),
  'transfer:mappings': (_input, ctx) => listMappings(ctx.db),
  'transfer:saveMapping': (input, ctx) => saveMapping(ctx, input.mapping),
  'transfer:deleteMapping': (input, ctx) => deleteMapping(ctx, input.name),
  'transfer:readMapping': async (input) => parseMappingFile(input.fileName, input.text),
  'transfer:copyRegister': (input, ctx) => copyRegister(ctx, input.target),
  'transfer:copyProgress': async (_input, ctx) => copyProgress(ctx),
};
