import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/** Either the database or a transaction on it: repositories take both. */
export type Executor = Kysely<Database> | Transaction<Database>;
