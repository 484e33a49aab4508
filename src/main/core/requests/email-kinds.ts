import type { RequestKind } from '@shared/domain/requests';

/**
 * The kind a request email asks for, suggested from words in its subject and body. One table, in
 * priority order: the first kind with a matching word wins, so that "注销账号并删除信息" is an
 * account cancellation (which deletes as well) and "撤回同意" is not read as a query. The user
 * checks the suggestion before saving.
 */
export const KIND_KEYWORDS: ReadonlyArray<{ kind: RequestKind; words: readonly RegExp[] }> = [
  { kind: 'withdraw_consent', words: [/撤回(?:个人信息)?(?:的)?(?:授权|同意)/, /撤销(?:授权|同意)/, /\bwithdraw(?:ing|al of)?\s+(?:my\s+)?consent\b/i, /\brevoke\s+(?:my\s+)?consent\b/i] },
  { kind: 'account_cancellation', words: [/注销/, /销户/, /\bclose\s+(?:my\s+)?account\b/i, /\bdelete\s+my\s+account\b/i, /\baccount\s+(?:closure|deletion|cancellation)\b/i] },
  // English words are read only with what they act on ("delete my…", "a copy of my data"): on their
  // own, "access", "transfer", "correct" and "delete" are in most emails that ask for nothing.
  { kind: 'deletion', words: [/删除/, /\b(?:delete|erase|remove)\s+(?:all\s+)?(?:of\s+)?my\b/i, /\b(?:deletion|erasure)\s+(?:request|of\s+my)\b/i, /\bright\s+to\s+(?:be\s+forgotten|erasure)\b/i] },
  { kind: 'portability', words: [/转移/, /迁移/, /\b(?:data\s+)?portability\b/i, /\b(?:transfer|port|move)\s+(?:of\s+)?my\s+(?:personal\s+)?(?:data|information)\b/i] },
  { kind: 'correction', words: [/更正/, /修改/, /补充/, /\b(?:correct|rectify|update|amend)\s+my\b/i, /\b(?:correction|rectification)\s+(?:request|of\s+my)\b/i, /\bright\s+to\s+rectification\b/i] },
  {
    kind: 'access_copy',
    words: [
      /查询/, /查阅/, /复制/, /副本/,
      /\bsubject\s+access\b/i,
      /\b(?:data\s+)?access\s+request\b/i,
      /\brequest(?:ing)?\s+(?:for\s+)?access\s+to\s+(?:my|the)\s+(?:personal\s+)?(?:data|information)\b/i,
      /\baccess\s+(?:to\s+)?(?:all\s+)?my\s+(?:personal\s+)?(?:data|information|records)\b/i,
      /\bcopy\s+of\s+(?:all\s+)?(?:the\s+)?(?:my\s+)?(?:personal\s+)?(?:data|information)\b/i,
      /\bwhat\s+(?:personal\s+)?(?:data|information)\s+(?:do\s+)?you\s+(?:hold|have|keep|store)\b/i,
    ],
  },
];

/** The suggested kind and the words that suggested it; `other` and null when nothing matched. */
export function suggestKind(text: string): { kind: RequestKind; keyword: string | null } {
  for (const { kind, words } of KIND_KEYWORDS) {
    for (const word of words) {
      const match = word.exec(text);
      if (match) return { kind, keyword: match[0] };
    }
  }
  return { kind: 'other', keyword: null };
}
