import { useForm, type UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { messageText } from '@shared/i18n/message-text';
import { fieldMessages } from '@shared/validation';
import { ApiError } from '../api/client';

/**
 * A Mantine form validated by the same zod schema that main applies at its edge, with messages in
 * the user's language beside each field. `submitParsed` hands the submit handler what the schema
 * parsed (its output type), so that a form never casts its values into what it sends.
 */
export function useSchemaForm<V extends Record<string, unknown>, S extends z.ZodType = z.ZodType>(schema: S, initialValues: V) {
  const { t } = useTranslation();
  const form = useForm<V>({
    mode: 'controlled',
    initialValues,
    validate: (values) => {
      const result = schema.safeParse(values);
      if (result.success) return {};
      return Object.fromEntries(
        Object.entries(fieldMessages(result.error)).map(([path, ref]) => [path, messageText(t, ref)]),
      );
    },
  });
  const submitParsed = (handler: (parsed: z.output<S>) => void) =>
    form.onSubmit((values) => {
      const result = schema.safeParse(values);
      if (result.success) handler(result.data);
    });
  return Object.assign(form, { submitParsed });
}

/** Puts a refused save's field messages beside their fields; answers whether any were shown. */
export function showServerErrors<V>(form: UseFormReturnType<V>, error: unknown): boolean {
  if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
    form.setErrors(error.fieldErrors);
    return true;
  }
  return false;
}
