/**
 * Date and date-time fields: typed by keyboard (`2026-11-17`, `2026-11-17 14:30`), or picked from a
 * calendar (@mantine/dates) opened from the button at the field's end. A date-time field says which
 * clock it is on (the organisation's time zone, from Settings), never this computer's. What was typed
 * is kept as typed, so that an impossible value (30 February, hour 25) is refused beside the field by
 * the form's validation instead of being corrected into another day.
 */
import { ActionIcon, Popover, Stack, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker, TimePicker } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { parseLocalDate, parseWallTime } from '@shared/time';

type BaseProps = Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'rightSection'>;

/**
 * The calendar button is left out of the Tab order, so that intake by keyboard goes from field to
 * field; from the keyboard the calendar opens with Alt+ArrowDown in the field, as a native date input's.
 */
function CalendarButton({ label, opened, toggle }: { label: string; opened: boolean; toggle: () => void }) {
  return (
    <ActionIcon variant="subtle" color="gray" aria-label={label} aria-expanded={opened} aria-haspopup="dialog" tabIndex={-1} onClick={toggle}>
      <IconCalendar size={18} aria-hidden />
    </ActionIcon>
  );
}

/** The calendar's heading as each language writes a month: 2026年11月, November 2026. */
const monthLabel = (language: string) => (language === 'zh-CN' ? 'YYYY年M月' : 'MMMM YYYY');

const altArrowOpens = (toggle: () => void) => (e: React.KeyboardEvent<HTMLInputElement>) => {
  if (e.altKey && e.key === 'ArrowDown') {
    e.preventDefault();
    toggle();
  }
};

/** A calendar day (`YYYY-MM-DD`); empty text is `''`. */
export function DateField({ value, onChange, ...props }: BaseProps & { value?: string | null; onChange: (value: string) => void }) {
  const { t, i18n } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const text = value ?? '';
  const picked = parseLocalDate(text);
  const onKeyDown = altArrowOpens(toggle);
  return (
    <Popover opened={opened} onChange={(o) => !o && close()} position="bottom-end" trapFocus returnFocus withRoles={false}>
      <Popover.Target>
        <TextInput
          {...props}
          value={text}
          placeholder={props.placeholder ?? t('common:dateFields.datePlaceholder')}
          inputMode="numeric"
          autoComplete="off"
          aria-keyshortcuts="Alt+ArrowDown"
          onKeyDown={onKeyDown}
          onChange={(e) => onChange(e.currentTarget.value)}
          rightSection={<CalendarButton label={t('common:dateFields.pickDate')} opened={opened} toggle={toggle} />}
        />
      </Popover.Target>
      <Popover.Dropdown aria-label={t('common:dateFields.pickDate')} role="dialog">
        <DatePicker
          monthLabelFormat={monthLabel(i18n.language)}
          value={picked}
          defaultDate={picked ?? undefined}
          onChange={(day) => {
            onChange(day ?? '');
            close();
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * A wall-clock time on the organisation's clock (`YYYY-MM-DD HH:mm`), with the zone named under the
 * field. The calendar sets the date and keeps the typed time; the time box beside it sets the time.
 */
export function DateTimeField({
  value: given,
  onChange,
  timeZone,
  ...props
}: BaseProps & { value?: string; onChange: (value: string) => void; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const value = given ?? '';
  const [opened, { toggle, close }] = useDisclosure(false);
  const parts = parseWallTime(value);
  const typedDate = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)?.[1] ?? '';
  const typedTime = /(\d{1,2}:\d{2})\s*$/.exec(value)?.[1] ?? '';
  const time = parts ? `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}` : typedTime || '09:00';
  const date = parts?.date ?? parseLocalDate(typedDate);
  const onKeyDown = altArrowOpens(toggle);
  return (
    <Popover opened={opened} onChange={(o) => !o && close()} position="bottom-end" trapFocus returnFocus withRoles={false}>
      <Popover.Target>
        <TextInput
          {...props}
          value={value}
          placeholder={props.placeholder ?? t('common:dateFields.dateTimePlaceholder')}
          description={[props.description, t('common:dateFields.zone', { zone: timeZone })].filter(Boolean).join(i18n.language === 'zh-CN' ? '' : ' ')}
          autoComplete="off"
          aria-keyshortcuts="Alt+ArrowDown"
          onKeyDown={onKeyDown}
          onChange={(e) => onChange(e.currentTarget.value)}
          rightSection={<CalendarButton label={t('common:dateFields.pickDateTime')} opened={opened} toggle={toggle} />}
        />
      </Popover.Target>
      <Popover.Dropdown aria-label={t('common:dateFields.pickDateTime')} role="dialog">
        <Stack gap="xs">
          <DatePicker monthLabelFormat={monthLabel(i18n.language)} value={date} defaultDate={date ?? undefined} onChange={(day) => day && onChange(`${day} ${time}`)} />
          <TimePicker
            label={t('common:dateFields.time', { zone: timeZone })}
            format="24h"
            hoursInputLabel={t('common:dateFields.hours')}
            minutesInputLabel={t('common:dateFields.minutes')}
            value={time}
            onChange={(next) => {
              const hm = /^(\d{2}:\d{2})/.exec(next)?.[1];
              if (date && hm) onChange(`${date} ${hm}`);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                close();
              }
            }}
          />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
