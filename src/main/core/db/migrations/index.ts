import type { Migration } from 'kysely';
import * as foundation from './2026_11_29_0300_foundation';
import * as sharingRegister from './2026_11_29_0310_sharing_register';
import * as sharingIndexes from './2026_11_29_0420_sharing_indexes';
import * as requestsDesk from './2026_11_29_0330_requests';
import * as requestsListIndexes from './2026_11_29_0400_requests_list_indexes';
import * as requestsReferenceOrder from './2026_11_29_0410_requests_reference_order';
import * as auditHmac from './2026_12_01_0900_audit_hmac';
import * as calendarYears from './2026_12_01_1000_calendar_years';
import * as requestAttachments from './2026_12_01_1100_request_attachments';
import * as gapDecisions from './2026_12_01_1210_gap_decisions';
import * as replyLetters from './2026_12_01_1220_reply_letters';
import * as policyClauseLabels from './2026_12_01_1250_policy_clause_labels';
import * as importMappings from './2026_12_01_1200_import_mappings';
import * as requestsFastLists from './2026_12_01_1230_requests_fast_lists';
import * as partnerListIndexes from './2026_12_01_1300_partner_list_indexes';
import * as people from './2026_12_01_1310_people';
import * as sharingListIndexes from './2026_12_01_1450_sharing_list_indexes';
import * as requestDeskTallies from './2026_12_01_1470_request_desk_tallies';
import * as storedFiles from './2026_12_01_1500_stored_files';
import * as auditAnchorRow from './2026_12_01_1510_audit_anchor_row';
import * as requestUndatedTallies from './2026_12_01_1520_request_undated_tallies';
import * as sharingListOrders from './2026_12_01_1550_sharing_list_orders';
import * as requestNameFilters from './2026_12_02_1600_request_name_filters';
import * as sharingSearch from './2026_12_02_1610_sharing_search';
import * as policyCitationTallies from './2026_12_02_1620_policy_citation_tallies';
import * as postgresListOrders from './2026_12_02_1700_postgres_list_orders';
import * as sharingListTallies from './2026_12_02_1710_sharing_list_tallies';
import * as requestDueFilterTallies from './2026_12_02_1800_request_due_filter_tallies';
import * as requestsKindChannelStatusOrder from './2026_12_02_1810_requests_kind_channel_status_order';
import * as sharingFlowsSearchCounts from './2026_12_02_1820_sharing_flows_search_counts';
import * as requestReferenceReceived from './2026_12_03_0800_request_reference_received';
import * as requestReferenceYearOrders from './2026_12_03_1700_request_reference_year_orders';
import * as requestReferenceYearWalks from './2026_12_04_1900_request_reference_year_walks';
import * as partnerFlowTallies from './2026_12_06_0900_partner_flow_tallies';

/**
 * Every migration, in order: a static list, so that the bundle needs no file system access.
 * Names are `YYYY_MM_DD_HHMM_what`. Once released a migration never changes; later ones only add.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_29_0300_foundation': foundation,
  '2026_11_29_0310_sharing_register': sharingRegister,
  '2026_11_29_0330_requests': requestsDesk,
  '2026_11_29_0400_requests_list_indexes': requestsListIndexes,
  '2026_11_29_0410_requests_reference_order': requestsReferenceOrder,
  '2026_11_29_0420_sharing_indexes': sharingIndexes,
  '2026_12_01_0900_audit_hmac': auditHmac,
  '2026_12_01_1000_calendar_years': calendarYears,
  '2026_12_01_1100_request_attachments': requestAttachments,
  '2026_12_01_1200_import_mappings': importMappings,
  '2026_12_01_1210_gap_decisions': gapDecisions,
  '2026_12_01_1220_reply_letters': replyLetters,
  '2026_12_01_1230_requests_fast_lists': requestsFastLists,
  '2026_12_01_1250_policy_clause_labels': policyClauseLabels,
  '2026_12_01_1300_partner_list_indexes': partnerListIndexes,
  '2026_12_01_1310_people': people,
  '2026_12_01_1450_sharing_list_indexes': sharingListIndexes,
  '2026_12_01_1470_request_desk_tallies': requestDeskTallies,
  '2026_12_01_1500_stored_files': storedFiles,
  '2026_12_01_1510_audit_anchor_row': auditAnchorRow,
  '2026_12_01_1520_request_undated_tallies': requestUndatedTallies,
  '2026_12_01_1550_sharing_list_orders': sharingListOrders,
  '2026_12_02_1600_request_name_filters': requestNameFilters,
  '2026_12_02_1610_sharing_search': sharingSearch,
  '2026_12_02_1620_policy_citation_tallies': policyCitationTallies,
  '2026_12_02_1700_postgres_list_orders': postgresListOrders,
  '2026_12_02_1710_sharing_list_tallies': sharingListTallies,
  '2026_12_02_1800_request_due_filter_tallies': requestDueFilterTallies,
  '2026_12_02_1810_requests_kind_channel_status_order': requestsKindChannelStatusOrder,
  '2026_12_02_1820_sharing_flows_search_counts': sharingFlowsSearchCounts,
  '2026_12_03_0800_request_reference_received': requestReferenceReceived,
  '2026_12_03_1700_request_reference_year_orders': requestReferenceYearOrders,
  '2026_12_04_1900_request_reference_year_walks': requestReferenceYearWalks,
  '2026_12_06_0900_partner_flow_tallies': partnerFlowTallies,
};
