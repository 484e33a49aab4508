/**
 * The one masking rule for personal details that leave the app in a report (requesters' names,
 * contacts and account references), unless the user asked for them in full:
 * - an email keeps its first character and its domain: `a***@example.com`;
 * - a phone number keeps its last four digits, and its first three too when it has eleven or more
 *   (a mobile number): `138****5678`, `****5678`;
 * - anything else is masked word by word: a Chinese name keeps its first character (and its last,
 *   from three characters on), `张*`, `张*丰`; any other word keeps its first character followed by
 *   three stars whatever its length, `J*** S***`.
 */
const EMAIL = /^([^@\s]+)@([^@\s]+)$/;
const PHONE = /^[+\d\s().-]+$/;
const HAN = /^\p{Script=Han}+$/u;

function maskWord(word: string): string {
  const chars = [...word];
  if (HAN.test(word)) {
    if (chars.length === 1) return '*';
    if (chars.length === 2) return `${chars[0]}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  return `${chars[0]}***`;
}

function maskPhone(text: string): string {
  const digits = text.replace(/\D/g, '').length;
  const head = digits >= 11 ? 3 : 0;
  let seen = 0;
  return text.replace(/\d/g, (d) => {
    seen += 1;
    return seen <= head || seen > digits - 4 ? d : '*';
  });
}

/** A personal detail with everything but what the rule keeps replaced by `*`. */
export function maskPersonal(value: string): string {
  const text = value.trim();
  if (text === '') return '';
  const email = EMAIL.exec(text);
  if (email) return `${[...email[1]!][0]}***@${email[2]}`;
  if (PHONE.test(text) && text.replace(/\D/g, '').length >= 7) return maskPhone(text);
  return text.split(/(\s+)/).map((part) => (part.trim() === '' ? part : maskWord(part))).join('');
}
