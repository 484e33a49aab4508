export function browserCommand(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, onPath: (command: string) => boolean): string[] | null;
export function readyAddress(line: string): string | null;
