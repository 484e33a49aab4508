export function electronBindingPath(projectRoot: string, electronVersion: string, platform?: NodeJS.Platform, arch?: string): string;
