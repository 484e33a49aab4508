import type { Tally } from './_tallies';
import { tallyMigration } from './_tallies';

// The partners' gap checks (a recipient with no agreement in force, an entrusted processor with no
// entrusted-processing agreement) test every partner for flows and show how many it has. That test
// read every flow: at 10,000 partners and 100,000 flows, PostgreSQL grouped the 100,000 flows by
// partner for each count and each page (16 ms of the gap list's 22 ms); SQLite looked up each
// partner's flows in their index. A tally of the flows per partner, kept by triggers in the
// transaction of every write (migrations/_tallies.ts), answers both from one row per partner. A
// partner whose last flow goes keeps its row at 0: "has flows" is a count above 0.

export const PARTNER_FLOW_TALLIES: readonly Tally[] = [
  { table: 'sharing_flows', tally: 'partner_flow_tallies', keys: [{ name: 'partner_id', type: { sqlite: 'integer', postgres: 'integer' } }] },
];

export const { up, down } = tallyMigration(PARTNER_FLOW_TALLIES);
