// Runs Azurite inside this same Node process (one PID, exactly like `node azurite.js`) and shuts it down gracefully
// when the parent closes our stdin. A crashed test host or a killed local host therefore never leaves an orphaned
// Azurite holding its ports. Never start Azurite through npx: that orphans the real process.
'use strict';
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
require('./node_modules/azurite/dist/src/azurite.js');
