import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AT, migrationStep, refusal, type MigrationStep } from './step';

// The first migration: nothing was written before it, so it is met only by an empty database.

let step: MigrationStep;
beforeEach(async () => {
  step = await migrationStep('2026_11_29_0300_foundation');
  await step.migrate();
});
afterEach(async () => {
  await step.close();
});

const category = (code: string) =>
  step.insert(
    `insert into collection_categories (code, name, stage, subject_type, purposes, legal_basis, collection_method, created_at, updated_at)
     values (?, '账户信息', 'registration', 'individual', '注册账户', 'contract', 'user_provided', ?, ?)`,
    code,
    AT,
    AT,
  );

describe('2026_11_29_0300_foundation', () => {
  it('creates the settings, the audit log and the collection register on an empty database', () => {
    expect(step.tables()).toEqual(['audit_log', 'category_data_items', 'collection_categories', 'settings']);
  });

  it('fills every optional field of a category with its default', () => {
    const id = category('REG-1');
    expect(step.sqlite.prepare('select * from collection_categories where id = ?').get(id)).toMatchObject({
      sensitive: 0,
      sensitive_kind: null,
      separate_consent: 0,
      guardian_consent: 0,
      retention: '',
      retention_days: null,
      storage_location: 'domestic',
      cross_border_mechanism: 'none',
      policy_clause: '',
      status: 'active',
      notes: '',
      revision: 1,
    });
  });

  it('refuses a second category with the same code, a sensitive flag other than 0 or 1, and a missing name', () => {
    category('REG-1');
    expect(refusal(() => category('REG-1'))).toContain('UNIQUE constraint failed: collection_categories.code');
    expect(refusal(() => step.sqlite.prepare(`update collection_categories set sensitive = 2`).run())).toContain(
      'CHECK constraint failed: collection_categories_sensitive_bool',
    );
    expect(
      refusal(() =>
        step.insert(
          `insert into collection_categories (code, stage, subject_type, purposes, legal_basis, collection_method, created_at, updated_at)
           values ('REG-2', 'registration', 'individual', '', 'consent', 'user_provided', ?, ?)`,
          AT,
          AT,
        ),
      ),
    ).toContain('NOT NULL constraint failed: collection_categories.name');
  });

  it('keeps a category’s data items unique, tied to an existing category, and deletes them with it', () => {
    const id = category('REG-1');
    const item = (categoryId: number, text: string) =>
      step.insert(`insert into category_data_items (category_id, position, item) values (?, 0, ?)`, categoryId, text);
    item(id, '姓名');
    item(id, '手机号码');
    expect(refusal(() => item(id, '姓名'))).toContain('UNIQUE constraint failed');
    expect(refusal(() => item(id + 1, '姓名'))).toContain('FOREIGN KEY constraint failed');
    step.sqlite.prepare('delete from collection_categories where id = ?').run(id);
    expect(step.sqlite.prepare('select count(*) as n from category_data_items').get()).toEqual({ n: 0 });
  });

  it('keeps one value per setting key', () => {
    const setting = () => step.insert(`insert into settings (key, value, created_at, updated_at) values ('language', 'zh-CN', ?, ?)`, AT, AT);
    setting();
    expect(refusal(setting)).toContain('UNIQUE constraint failed: settings.key');
  });

  it('indexes the audit log by entity and the categories by what their list sorts and filters on', () => {
    expect(step.addedIndexes()).toEqual({
      audit_log_entity_idx: ['entity', 'entity_id', 'id'],
      collection_categories_name_idx: ['name'],
      collection_categories_stage_idx: ['stage'],
      collection_categories_status_idx: ['status'],
      collection_categories_updated_at_idx: ['updated_at'],
      category_data_items_item_idx: ['item'],
    });
    expect(step.plan(`select id from audit_log where entity = 'category' and entity_id = 1 order by id`)).toContain('audit_log_entity_idx');
  });
});
