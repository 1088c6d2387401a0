// Runs Azurite inside this same Node process (one PID, exactly like `node azurite.js`) and shuts it down gracefully
// when the parent closes our stdin. A crashed test host or a killed local host therefore never leaves an orphaned
// Azurite holding its ports. Never start Azurite through npx: that orphans the real process.
//
// What Azurite acknowledged must be on disk whatever happens to the parent (issue 14). Azurite keeps its metadata
// (tables, queue messages) in LokiJS databases that it writes to disk every 5 s and when it closes. So:
// - when our stdin closes (the parent stopped or was SIGKILLed), Azurite closes and writes its databases. The parent's
//   death also closed our stdout/stderr: Azurite's closing messages would then fail with EPIPE, and Azurite's console
//   hook (diagnostic-channel-publishers) turns that into an uncaught exception that killed us mid-write (0-byte
//   `*.json~` files, the last 5 s lost). Output is therefore silenced once stdin closes, and write errors are ignored.
// - SIGHUP (the terminal went away) does not stop us hard: we wait for stdin to close, i.e. for the parent to end.
//   (AzuriteServer also starts us in a session of our own where `setsid` exists, so a terminal's Ctrl+C or hang-up
//   reaches only the parent, which then stops us through stdin after its own graceful stop.)
// - if we are SIGKILLed ourselves, at most the last AUTOSAVE_MS are lost: the databases are written every AUTOSAVE_MS
//   (when something changed) instead of every 5 s.
'use strict';
const AUTOSAVE_MS = 200;

function ignore() { }
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', ignore);
}

let stopping = false;
function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    console[name] = ignore;
  }
  process.kill(process.pid, 'SIGTERM');
}

process.on('SIGHUP', ignore);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();

try {
  const Loki = require('./node_modules/lokijs');
  const configure = Loki.prototype.configureOptions;
  Loki.prototype.configureOptions = function (options, initialConfig) {
    if (options && options.autosave) {
      options = Object.assign({}, options, { autosaveInterval: AUTOSAVE_MS });
    }
    return configure.call(this, options, initialConfig);
  };
} catch (e) {
  // Another LokiJS layout: keep Azurite's own interval.
}

require('./node_modules/azurite/dist/src/azurite.js');
