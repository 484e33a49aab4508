import { describe, expect, it } from 'vitest';
import { ApiError } from '@renderer/api/client';
import { nextLost } from '@renderer/app/connection-lost';

/** The banner over a screen whose server went away says what failed: a read, or a write that was not saved. */
describe('the lost-server banner', () => {
  const gone = new ApiError({ code: 'UNAVAILABLE', message: 'The server at 127.0.0.1:5432 cannot be reached.' });
  const refused = new ApiError({ code: 'VALIDATION', message: 'Name: required' });

  it('says a read failed when a list or record could not be read', () => {
    expect(nextLost(null, 'read', gone)).toBe('read');
  });
  it('says nothing was saved once a write failed, and keeps saying so while reads fail too', () => {
    expect(nextLost('read', 'write', gone)).toBe('write');
    expect(nextLost('write', 'read', gone)).toBe('write');
  });
  it('goes with the next call that succeeds, read or write', () => {
    expect(nextLost('write', 'read', null)).toBeNull();
    expect(nextLost('read', 'write', null)).toBeNull();
  });
  it('is not raised, nor changed, by a refusal from a server that answered', () => {
    expect(nextLost(null, 'write', refused)).toBeNull();
    expect(nextLost('read', 'write', refused)).toBe('read');
    expect(nextLost(null, 'read', new Error('network'))).toBeNull();
  });
});
