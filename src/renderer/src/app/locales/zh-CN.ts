/// <reference types="vite/client" />
import { citationResources } from '@shared/citation';
import { bundleOf } from './bundle';

// A chunk of its own: the renderer loads only the language it shows.
export const bundle = bundleOf(import.meta.glob<Record<string, unknown>>('../../../../shared/i18n/zh-CN/*.json', { eager: true, import: 'default' }), citationResources('zh-CN'));
