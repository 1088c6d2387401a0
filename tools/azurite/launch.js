// Runs ONE Azurite service (`--service blob|queue|table`, the other arguments are Azurite's own) inside this same Node
// process and shuts it down gracefully when the parent closes our stdin. AzuriteServer starts three of us, one per
// service: each is one Node thread, so the services no longer queue behind each other on one core, and a table
// database that takes long to save no longer pauses the queues. A crashed test host or a killed local host never
// leaves an orphaned Azurite holding its ports. Never start Azurite through npx: that orphans the real process.
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
// - if we are SIGKILLed ourselves, at most the last save interval is lost. LokiJS writes the WHOLE database on every
//   save, serializing it on our one thread (measured: ~100 ms at 15 MB of tables, so saving every 200 ms took half
//   of the table service's time after two minutes of load). The interval is therefore AUTOSAVE_MS while a save is
//   cheap and SAVE_SHARE times the last save's duration when it is not, so saving takes at most ~1/SAVE_SHARE of the
//   thread, and never more than MAX_AUTOSAVE_MS (1 s: what a SIGKILL of Azurite may lose stays bounded — the local
//   host's kill -9 guarantee — even when saving then takes more than a tenth of the thread).
'use strict';
const fs = require('fs');
const path = require('path');

const AUTOSAVE_MS = 200;
const SAVE_SHARE = 10;
const MAX_AUTOSAVE_MS = 1000;
const SERVICES = ['blob', 'queue', 'table'];

function ignore() { }
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', ignore);
}

const serviceAt = process.argv.indexOf('--service');
const service = serviceAt > 0 ? process.argv[serviceAt + 1] : undefined;
if (!SERVICES.includes(service)) {
  console.error(`usage: node launch.js --service ${SERVICES.join('|')} [azurite options]`);
  process.exit(2);
}

// Azurite's argument parser refuses options it does not know.
process.argv.splice(serviceAt, 2);

// AzuriteServer's in-memory mode keeps the queue service's messages in a temporary folder and names it here: removed
// when we exit after our stdin closed, so a parent that died without disposing leaves no folder behind either.
const scratch = process.env.AZURITE_SCRATCH_LOCATION;

let server;
let stopping = false;
function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    console[name] = ignore;
  }
  // close() writes the databases before it resolves; then exit even if stdin is still open (a SIGTERM).
  if (server) {
    server.close().then(() => exit(0), () => exit(1));
  } else {
    exit(0);
  }
}

function exit(code) {
  const location = process.argv[process.argv.indexOf('--location') + 1];
  if (scratch && process.argv.includes('--location') && path.resolve(scratch) === path.resolve(location)) {
    try {
      fs.rmSync(location, { recursive: true, force: true });
    } catch (e) {
      // A leftover in the temp folder is harmless.
    }
  }
  process.exit(code);
}

process.on('SIGHUP', ignore);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();

patchLoki();

main().catch(e => {
  console.error(`Azurite ${service} service failed to start: ${e && e.message}`);
  process.exit(1);
});

async function main() {
  const dist = './node_modules/azurite/dist/src/';
  const Environment = require(dist + 'common/Environment').default;
  const Logger = require(dist + 'common/Logger');
  const { setExtentMemoryLimit } = require(dist + 'common/ConfigurationBase');
  const env = new Environment();
  const location = await env.location();
  fs.mkdirSync(location, { recursive: true });
  const debug = await env.debug();
  const name = service[0].toUpperCase() + service.slice(1);

  if (service === 'blob') {
    const { BlobServerFactory } = require(dist + 'blob/BlobServerFactory');
    server = await new BlobServerFactory().createServer(env);
  } else if (service === 'queue') {
    const QueueConfiguration = require(dist + 'queue/QueueConfiguration').default;
    const QueueServer = require(dist + 'queue/QueueServer').default;
    const constants = require(dist + 'queue/utils/constants');
    constants.DEFAULT_QUEUE_PERSISTENCE_ARRAY[0].locationPath = path.join(location, constants.DEFAULT_QUEUE_PERSISTENCE_PATH);
    server = new QueueServer(new QueueConfiguration(env.queueHost(), env.queuePort(), env.queueKeepAliveTimeout(),
      path.join(location, constants.DEFAULT_QUEUE_LOKI_DB_PATH), path.join(location, constants.DEFAULT_QUEUE_EXTENT_LOKI_DB_PATH),
      constants.DEFAULT_QUEUE_PERSISTENCE_ARRAY, !env.silent(), undefined, debug !== undefined, debug, env.loose(),
      env.skipApiVersionCheck(), env.cert(), env.key(), env.pwd(), env.oauth(), env.disableProductStyleUrl(),
      env.inMemoryPersistence()));
  } else {
    const TableConfiguration = require(dist + 'table/TableConfiguration').default;
    const TableServer = require(dist + 'table/TableServer').default;
    const constants = require(dist + 'table/utils/constants');
    server = new TableServer(new TableConfiguration(env.tableHost(), env.tablePort(), env.tableKeepAliveTimeout(),
      path.join(location, constants.DEFAULT_TABLE_LOKI_DB_PATH), debug !== undefined, !env.silent(), undefined, debug,
      env.loose(), env.skipApiVersionCheck(), env.cert(), env.key(), env.pwd(), env.oauth(), env.disableProductStyleUrl(),
      env.inMemoryPersistence()));
  }

  Logger.configLogger(debug !== undefined, debug);
  if (service !== 'table') {
    setExtentMemoryLimit(env, true);
  }

  await server.start();
  if (stopping) {
    await server.close();
    exit(0);
  }

  // AzuriteServer waits for this line (the same as azurite.js prints) and reads the port from it.
  console.log(`Azurite ${name} service is successfully listening at ${server.getHttpServerAddress()}`);
}

function patchLoki() {
  let Loki;
  try {
    Loki = require('./node_modules/lokijs');
  } catch (e) {
    return; // Another LokiJS layout: keep Azurite's own interval.
  }

  // Which save intervals to use: Azurite asks for autosave (every 5 s) on disk only; in memory nothing is saved.
  const configure = Loki.prototype.configureOptions;
  Loki.prototype.configureOptions = function (options, initialConfig) {
    if (options && options.autosave) {
      options = Object.assign({}, options, { autosaveInterval: AUTOSAVE_MS });
    }
    return configure.call(this, options, initialConfig);
  };

  // Time each serialization (synchronous: nothing else runs meanwhile) to pace the next save.
  const saveLog = process.env.AZURITE_SAVE_LOG;
  const serialize = Loki.prototype.serialize;
  Loki.prototype.serialize = function (options) {
    const started = process.hrtime.bigint();
    const text = serialize.call(this, options);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    this.lastSerializeMs = ms;
    if (saveLog) {
      // Opt-in diagnostic: one line per save — when, which process and database, milliseconds, characters.
      try {
        fs.appendFileSync(saveLog, `${new Date().toISOString()} ${process.pid} ${path.basename(this.filename)} ${ms.toFixed(2)} ${typeof text === 'string' ? text.length : 0}\n`);
      } catch (e) {
        // A diagnostic never stops Azurite.
      }
    }
    return text;
  };

  // LokiJS's own autosave is a fixed setInterval; this one waits after each tick for the interval the last save's
  // cost allows. Same flags as LokiJS's: a save only when a collection is dirty and no save is being set up.
  Loki.prototype.autosaveEnable = function (options, callback) {
    this.autosave = true;
    const self = this;
    const next = () => {
      const paced = SAVE_SHARE * (self.lastSerializeMs || 0);
      self.autosaveHandle = setTimeout(() => {
        if (self.autosaveDirty() && !self.ignoreAutosave) {
          self.saveDatabase(callback);
        }
        next();
      }, Math.min(MAX_AUTOSAVE_MS, Math.max(self.autosaveInterval || AUTOSAVE_MS, paced)));
    };
    next();
  };

  indexEntityKeys(Loki.Collection);
}

// Azurite's table service finds an entity with findOne({ PartitionKey, RowKey }) before every insert, update, merge,
// delete and point read. LokiJS answers that from its PartitionKey index and then scans every row of the partition for
// the RowKey, so each of those operations costs O(rows in the partition): a partition that grows (a sales unit's sagas
// with their timelines and list rows) makes every saga step slower. This keeps a map from (PartitionKey, RowKey) to the
// stored document per entity collection (the collections Azurite indexes on both keys), kept by LokiJS's insert and
// update events and checked against the collection on every hit (a batch removal does not always emit its events), so
// that lookup is O(1). Any other query goes to LokiJS as before. AZURITE_ENTITY_INDEX=off turns it off (to measure).
function indexEntityKeys(Collection) {
  if (!Collection || process.env.AZURITE_ENTITY_INDEX === 'off') {
    return;
  }

  const KEYS = Symbol('entityKeys');
  const keyOf = (partitionKey, rowKey) => `${partitionKey}\u0000${rowKey}`;
  const isEntity = (doc) => doc && typeof doc.PartitionKey === 'string' && typeof doc.RowKey === 'string';

  function keysOf(collection) {
    let keys = collection[KEYS];
    if (!keys) {
      keys = new Map();
      for (const doc of collection.data) {
        if (isEntity(doc)) {
          keys.set(keyOf(doc.PartitionKey, doc.RowKey), doc);
        }
      }
      collection[KEYS] = keys;
      const add = (docs) => {
        for (const doc of [].concat(docs)) {
          if (isEntity(doc)) {
            keys.set(keyOf(doc.PartitionKey, doc.RowKey), doc);
          }
        }
      };
      collection.on('insert', add);
      collection.on('update', add);
      collection.on('delete', (doc) => {
        if (isEntity(doc)) {
          const key = keyOf(doc.PartitionKey, doc.RowKey);
          if (keys.get(key)?.$loki === doc.$loki) {
            keys.delete(key);
          }
        }
      });
    }
    return keys;
  }

  const findOne = Collection.prototype.findOne;
  Collection.prototype.findOne = function (query) {
    if (query && this.binaryIndices && this.binaryIndices.PartitionKey && this.binaryIndices.RowKey
      && typeof query.PartitionKey === 'string' && typeof query.RowKey === 'string' && Object.keys(query).length === 2) {
      const keys = keysOf(this);
      const key = keyOf(query.PartitionKey, query.RowKey);
      const doc = keys.get(key);
      if (doc === undefined) {
        return null;
      }
      // Still stored, and still this document (LokiJS's get is a binary search on its id index)?
      if (this.get(doc.$loki) === doc) {
        return doc;
      }
      keys.delete(key);
      const current = findOne.call(this, query);
      if (isEntity(current)) {
        keys.set(key, current);
      }
      return current;
    }
    return findOne.call(this, query);
  };
}
