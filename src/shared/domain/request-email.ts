import { z } from 'zod';
import { MAX_DOCUMENT_BYTES } from './agreements';
import { requestInput, type RequestChannel, type RequestKind } from './requests';

/** What a file kept with a request is: the message it arrived as, a file attached to it, or a document added later. */
export const REQUEST_ATTACHMENT_KINDS = ['original_message', 'attachment', 'document'] as const;
export type RequestAttachmentKind = (typeof REQUEST_ATTACHMENT_KINDS)[number];

/** The files a request email may arrive as. */
export const EMAIL_ACCEPT = '.eml,.msg';

/** Why the received time is not the message's own `Date`: none, one that cannot be read, or one that cannot be true. */
export type ReceivedAtFallback = 'missing' | 'unparseable' | 'implausible';

/** Why a file attached to the message is not kept with the request. */
export type SkippedAttachmentReason = 'type' | 'tooLarge' | 'empty';

export interface EmailAttachmentPreview {
  fileName: string;
  mimeType: string;
  size: number;
}

/**
 * What a request email fills in: the form's values for the user to check, and what was found along
 * the way. Nothing is written until the request is saved.
 */
export interface EmailPrefill {
  values: {
    channel: RequestChannel;
    receivedAt: string;
    requesterName: string;
    requesterContact: string;
    kind: RequestKind;
    details: string;
  };
  /** The sender's display name and bare address, as decoded. */
  sender: { name: string; address: string };
  subject: string;
  messageId: string | null;
  /** Set when the received time is now rather than the message's `Date`. */
  receivedAtFallback: ReceivedAtFallback | null;
  /** The kind was suggested by this keyword (null: nothing matched, the kind is `other`). */
  kindKeyword: string | null;
  /** The subject and body were longer than the details field and were cut to fit. */
  detailsTruncated: boolean;
  /** The original message, kept with the request. */
  original: EmailAttachmentPreview;
  /** The files attached to the message that will be kept with the request. */
  attachments: EmailAttachmentPreview[];
  /** The files attached to the message that will not be kept, and why. */
  skippedAttachments: Array<EmailAttachmentPreview & { reason: SkippedAttachmentReason }>;
  /** Another request was logged from the same message (same Message-ID). */
  duplicateOf: { id: number; reference: string } | null;
}

const emailUpload = {
  fileName: z.string().min(1).max(1000),
  // base64 of at most MAX_DOCUMENT_BYTES, plus a little slack; the exact size is checked after decoding.
  base64: z.string().max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 1024),
};

/** A request email as uploaded: its file name (`.eml` or `.msg`) and bytes. */
export const emailParseInput = z.strictObject(emailUpload);

/** Logs a request from an email: the form's values as checked by the user, and the message they came from. */
export const requestFromEmailInput = z.strictObject({
  request: requestInput,
  email: z.strictObject(emailUpload),
});

export interface RequestAttachment {
  id: number;
  kind: RequestAttachmentKind;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  createdAt: string;
}
