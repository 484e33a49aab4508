// Preloaded (`node --require`) into a process the transfer bench runs as it ships (the built command
// line): prints the process's peak RSS as its last line on stderr when it exits.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-mb ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
