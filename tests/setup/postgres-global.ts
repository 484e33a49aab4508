/**
 * Vitest's global setup for the PostgreSQL project: one throwaway server for the whole run, one
 * migrated template database that every test register is copied from (CREATE DATABASE … TEMPLATE).
 */
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/main/core/db/connection';
import { onServer, startTestServer, TEMPLATE_DB, type TestServer } from './postgres';

let server: TestServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startTestServer();
  const template = `${TEMPLATE_DB}_${process.pid}`;
  await onServer(server.base, `drop database if exists ${template}`, `create database ${template}`);
  const migrated = await openDatabase({ path: `${server.base}/${template}` });
  await migrated.close();
  project.provide('pgBase', server.base);
  project.provide('pgTemplate', template);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
