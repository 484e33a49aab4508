import type { HandlersOf } from '../handlers.types';
import { createPerson, listPeople, resetPassword, updatePerson } from './people.service';

export const peopleHandlers: HandlersOf<'people:'> = {
  'people:list': (_input, ctx) => listPeople(ctx),
  'people:create': (input, ctx) => createPerson(ctx, input),
  'people:update': (input, ctx) => updatePerson(ctx, input),
  'people:resetPassword': (input, ctx) => resetPassword(ctx, input),
};
