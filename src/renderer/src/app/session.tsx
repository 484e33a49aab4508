import { createContext, useContext, type ReactNode } from 'react';
import type { Channel } from '@shared/contract/channels';
import type { SessionInfo } from '@shared/domain/people';
import { can } from '@shared/permissions';

/**
 * Who is using the workbench, as the core answered `session:current`. The renderer hides what the
 * role cannot do from the core's own permission table (shared/permissions.ts); the core refuses it
 * anyway.
 */
const SessionContext = createContext<SessionInfo | null>(null);

export const SessionProvider = ({ value, children }: { value: SessionInfo; children: ReactNode }) => (
  <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
);

export function useSession(): SessionInfo | null {
  return useContext(SessionContext);
}

/** Whether the person at the workbench may call `channel`; true outside a session (the welcome screen). */
export function useCan(channel: Channel): boolean {
  const session = useContext(SessionContext);
  return session === null || can(session.role, channel);
}

/** Its children only when the role may call `channel`. */
export function Allowed({ channel, children }: { channel: Channel; children: ReactNode }) {
  return useCan(channel) ? <>{children}</> : null;
}
