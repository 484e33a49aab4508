import type { HandlersOf } from '../handlers.types';
import {
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  setCategoryStatus,
  updateCategory,
} from './categories.service';

export const categoryHandlers: HandlersOf<'categories:'> = {
  'categories:list': (input, ctx) => listCategories(ctx.db, input),
  'categories:get': (input, ctx) => getCategory(ctx.db, input.id),
  'categories:create': (input, ctx) => createCategory(ctx, input),
  'categories:update': (input, ctx) => updateCategory(ctx, input),
  'categories:setStatus': (input, ctx) => setCategoryStatus(ctx, input),
  'categories:delete': (input, ctx) => deleteCategory(ctx, input),
};
