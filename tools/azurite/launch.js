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

// Opt-in diagnostic: AZURITE_CPU_PROFILE=<folder> profiles this process's CPU from start to exit and writes
// <service>-<pid>.cpuprofile there (Node refuses --cpu-prof in NODE_OPTIONS, and AzuriteServer starts us).
const profileFolder = process.env.AZURITE_CPU_PROFILE;
let profiler;
if (profileFolder) {
  profiler = new (require('inspector').Session)();
  profiler.connect();
  profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
}

function exit(code) {
  if (profiler) {
    // The in-thread session answers synchronously: the file is written before we exit.
    profiler.post('Profiler.stop', (err, result) => {
      if (!err) {
        try {
          fs.writeFileSync(path.join(profileFolder, `${service}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
        } catch (e) {
          // A diagnostic never stops Azurite from stopping.
        }
      }
    });
  }
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

  // LokiJS's close saves only when a collection is dirty. But a save clears the dirty flags BEFORE its asynchronous
  // write (and rename) of the file: a close that came during an autosave's write found nothing dirty, Azurite resolved
  // its close, we exited, and the write was cut off — everything since the previous save was lost on a graceful stop
  // (seen in CI: rows written just before a restart on disk were gone). So a close during a save queues one more
  // save behind it and resolves only when that one is on disk.
  const close = Loki.prototype.close;
  Loki.prototype.close = function (callback) {
    if (!this.autosave || !this.throttledSavePending) {
      return close.call(this, callback);
    }
    this.autosaveDisable();
    this.saveDatabase(callback);
    this.emit('close');
  };

  // Opt-in fault injection for tests: AZURITE_SAVE_DELAY_MS=<n> makes every database write wait n ms first, as a slow
  // disk would, so that a stop can be made to come while a save is in flight.
  const delay = Number(process.env.AZURITE_SAVE_DELAY_MS);
  if (delay > 0 && Loki.LokiFsAdapter) {
    const write = Loki.LokiFsAdapter.prototype.saveDatabase;
    Loki.LokiFsAdapter.prototype.saveDatabase = function (dbname, dbstring, callback) {
      setTimeout(() => write.call(this, dbname, dbstring, callback), delay);
    };
  }

  skipEmptyRemovals(Loki.Collection);
  journal(Loki);
  indexEntityKeys(Loki.Collection);
}

// Azurite's queue service clears a queue's expired messages before every receive, peek, delete and update: it finds
// them and removes what it found — nearly always nothing. LokiJS removes even an empty batch the long way: a map of
// every document's position, both arrays copied, and then, because the messages collection has binary indices (four of
// them), every index rebuilt by a full sort. All messages of all queues live in that one collection, so every queue
// operation cost O(n log n) in the messages held anywhere — a receive on an empty queue took 31 ms with 10,000 timers
// parked in another (issue 20). In LokiJS alone, the clear as Azurite makes it: 0.23 ms at 100 messages, 1.8 ms at
// 1,000, 14 ms at 10,000; without the empty removal 0.02, 0.11 and 0.54 ms. Removing nothing changes nothing, so an
// empty batch is not handed to LokiJS. AZURITE_SKIP_EMPTY_REMOVALS=off hands it over again (to measure).
function skipEmptyRemovals(Collection) {
  if (!Collection || process.env.AZURITE_SKIP_EMPTY_REMOVALS === 'off') {
    return;
  }

  const remove = Collection.prototype.remove;
  Collection.prototype.remove = function (doc) {
    if (Array.isArray(doc) && doc.length === 0) {
      return;
    }
    return remove.call(this, doc);
  };
}

// A write-ahead journal for every database Azurite keeps on disk, so that a SIGKILL of Azurite loses nothing it had
// acknowledged. LokiJS keeps a database in memory and writes all of it on each save (every 200 ms to 1 s, above): what
// changed since the last save was lost to a SIGKILL, and since the blob, queue and table processes save at different
// moments, a restart could see a queue's message gone but not the table rows written before it (a saga stranded).
// So every change is appended, synchronously, to <database>.wal before LokiJS returns to Azurite, i.e. before Azurite
// answers: P (a document's stored state after an insert or update), R (documents removed by id), C (a collection
// cleared), A / D (a collection added / removed). A save moves the journal aside at its serialization (the snapshot
// then holds all of it) and deletes it once the database file is renamed into place; a failed save keeps it, and the
// next save's journal is appended to it. Loading replays what is aside, then the journal, onto the file: every entry
// holds a state, not a delta, so an entry the file already holds replays to the same state. A line cut off by the kill
// (the last, never acknowledged) ends the replay. AZURITE_JOURNAL=off turns it off (to measure).
function journal(Loki) {
  if (process.env.AZURITE_JOURNAL === 'off' || !Loki.LokiFsAdapter) {
    return;
  }
  const JOURNAL = Symbol('journal');
  const DB = Symbol('database');
  const Collection = Loki.Collection;
  const aside = (file) => file + '.old';

  // Databases on disk only: LokiJS's fs adapter with autosave (Azurite's in-memory mode saves nothing).
  const configure = Loki.prototype.configureOptions;
  Loki.prototype.configureOptions = function (options, initialConfig) {
    const result = configure.call(this, options, initialConfig);
    if (initialConfig && this.autosave && this.persistenceAdapter instanceof Loki.LokiFsAdapter) {
      const file = this.filename + '.wal';
      this[JOURNAL] = { file, fd: undefined, quiet: false };
      // Azurite loads a database only when its file exists: a journal left before the first save ever completed gets
      // an empty database file to be replayed onto.
      if (!fs.existsSync(this.filename) && (fs.existsSync(file) || fs.existsSync(aside(file)))) {
        fs.writeFileSync(this.filename, new Loki(this.filename).serialize());
      }
    }
    return result;
  };

  function append(db, entry) {
    const journal = db && db[JOURNAL];
    if (!journal || journal.quiet) {
      return;
    }
    if (journal.fd === undefined) {
      journal.fd = fs.openSync(journal.file, 'a');
    }
    fs.writeSync(journal.fd, JSON.stringify(entry) + '\n');
  }

  const addCollection = Loki.prototype.addCollection;
  Loki.prototype.addCollection = function (name, options) {
    const existed = this.getCollection(name) !== null;
    const collection = addCollection.call(this, name, options);
    collection[DB] = this;
    if (!existed) {
      append(this, ['A', name, options || {}]);
    }
    return collection;
  };

  const removeCollection = Loki.prototype.removeCollection;
  Loki.prototype.removeCollection = function (name) {
    const existed = this.getCollection(name) !== null;
    removeCollection.call(this, name);
    if (existed) {
      append(this, ['D', name]);
    }
  };

  const insertOne = Collection.prototype.insertOne;
  Collection.prototype.insertOne = function (doc, bulkInsert) {
    const stored = insertOne.call(this, doc, bulkInsert);
    if (stored) {
      append(this[DB], ['P', this.name, stored]);
    }
    return stored;
  };

  const update = Collection.prototype.update;
  Collection.prototype.update = function (doc) {
    const result = update.call(this, doc);
    if (!Array.isArray(doc)) {
      // (an array is updated one document at a time, each through here)
      append(this[DB], ['P', this.name, this.get(doc.$loki)]);
    }
    return result;
  };

  const remove = Collection.prototype.remove;
  Collection.prototype.remove = function (doc) {
    // (an array goes through removeBatchByPositions)
    const id = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? doc.$loki : typeof doc === 'number' ? doc : undefined;
    const result = remove.call(this, doc);
    if (id !== undefined) {
      append(this[DB], ['R', this.name, [id]]);
    }
    return result;
  };

  const removeBatchByPositions = Collection.prototype.removeBatchByPositions;
  Collection.prototype.removeBatchByPositions = function (positions) {
    const ids = positions.map((at) => this.data[at] && this.data[at].$loki).filter((id) => id !== undefined);
    const result = removeBatchByPositions.call(this, positions);
    if (ids.length > 0) {
      append(this[DB], ['R', this.name, ids]);
    }
    return result;
  };

  const clear = Collection.prototype.clear;
  Collection.prototype.clear = function (options) {
    const result = clear.call(this, options);
    append(this[DB], ['C', this.name]);
    return result;
  };

  // A save: the journal goes aside as the snapshot is taken (both synchronous: no change comes between), and is
  // deleted once the snapshot is the database file.
  const saveInternal = Loki.prototype.saveDatabaseInternal;
  Loki.prototype.saveDatabaseInternal = function (callback) {
    const journal = this[JOURNAL];
    if (!journal) {
      return saveInternal.call(this, callback);
    }
    if (journal.fd !== undefined) {
      fs.closeSync(journal.fd);
      journal.fd = undefined;
    }
    if (fs.existsSync(journal.file)) {
      if (fs.existsSync(aside(journal.file))) {
        fs.appendFileSync(aside(journal.file), fs.readFileSync(journal.file));
        fs.unlinkSync(journal.file);
      } else {
        fs.renameSync(journal.file, aside(journal.file));
      }
    }
    return saveInternal.call(this, (err) => {
      if (!err) {
        try {
          fs.unlinkSync(aside(journal.file));
        } catch (e) {
          // Nothing was aside.
        }
      }
      if (callback) {
        callback(err);
      }
    });
  };

  // Loading: the file, then what is aside, then the journal, replayed without being journaled again.
  const loadInternal = Loki.prototype.loadDatabaseInternal;
  Loki.prototype.loadDatabaseInternal = function (options, callback) {
    const journal = this[JOURNAL];
    if (!journal) {
      return loadInternal.call(this, options, callback);
    }
    journal.quiet = true;
    return loadInternal.call(this, options, (err) => {
      try {
        if (!err) {
          for (const collection of this.collections) {
            collection[DB] = this;
          }
          replay(this, aside(journal.file));
          replay(this, journal.file);
        }
      } catch (e) {
        err = e;
      } finally {
        journal.quiet = false;
      }
      if (callback) {
        callback(err);
      }
    });
  };

  function replay(db, file) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      return;
    }
    for (const line of text.split('\n')) {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch (e) {
        return; // The end, or a line the kill cut off: never acknowledged.
      }
      apply(db, entry);
    }
  }

  function apply(db, [op, name, value]) {
    if (op === 'A') {
      if (db.getCollection(name) === null) {
        db.addCollection(name, value);
      }
      return;
    }
    if (op === 'D') {
      db.removeCollection(name);
      return;
    }
    const collection = db.getCollection(name);
    if (collection === null) {
      return; // Removed later in the journal (the file is newer than the entry).
    }
    if (op === 'C') {
      collection.clear();
    } else if (op === 'R') {
      for (const id of value) {
        const doc = collection.get(id);
        if (doc) {
          collection.remove(doc);
        }
      }
    } else if (op === 'P') {
      if (collection.get(value.$loki)) {
        collection.update(value);
      } else if (value.$loki > collection.maxId) {
        // Inserted after the file's snapshot: it gets its own id back (ids only grow).
        collection.maxId = value.$loki - 1;
        const doc = Object.assign({}, value);
        delete doc.$loki;
        collection.insertOne(doc);
      }
      // An older id the file does not hold was removed before the file's snapshot: a later entry removes it.
    }
  }
}

// Azurite's table service finds an entity with findOne({ PartitionKey, RowKey }) before every insert, update, merge,
// delete and point read. LokiJS answers that from its PartitionKey index and then scans every row of the partition for
// the RowKey, so each of those operations costs O(rows in the partition): a partition that grows (a sales unit's sagas
// with their timelines and list rows) makes every saga step slower. And Azurite runs every entity query — even
// `PartitionKey eq '…'` — as its query interpreter over EVERY row of the table, then sorts what matched: the Durable
// backend's history and instance queries (several per saga step, one partition each) cost O(rows of the whole task hub),
// which grows with every saga a run has made.
//
// So this keeps, per entity collection (the collections Azurite indexes on both keys), an index of partitions: for each
// PartitionKey, its entities by RowKey, and (once a query asked for a RowKey range) its RowKeys in order. LokiJS's
// insert, update and delete events keep it, and every hit is checked against the collection (a batch removal does not
// always emit its events). Then a point lookup is O(1), and an entity query whose filter pins one PartitionKey (one of
// its top-level conjuncts is `PartitionKey eq '…'`) reads only that partition — only the RowKey range it
// names, when it names one — in RowKey order, stopping once it has a page. Any other query goes to Azurite as before.
// With the map answering the lookups, LokiJS's own key indices are kept lazily and a replaced entity keeps its place
// (below): a write no longer costs O(rows of the table) either.
// AZURITE_ENTITY_INDEX=off turns all of it off, AZURITE_QUERY_INDEX=off only the query, AZURITE_ENTITY_WRITES=off only
// the writes (to measure).
function indexEntityKeys(Collection) {
  if (!Collection || process.env.AZURITE_ENTITY_INDEX === 'off') {
    return;
  }

  const INDEX = Symbol('entityPartitions');
  const lazyKeyIndices = process.env.AZURITE_ENTITY_WRITES !== 'off';
  const isEntity = (doc) => doc && typeof doc.PartitionKey === 'string' && typeof doc.RowKey === 'string';

  // RowKeys sort as Azurite sorts them: JavaScript string order (UTF-16 code units).
  function lowerBound(sorted, rowKey) {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < rowKey) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // A partition's RowKeys in order, in chunks of at most CHUNK keys: adding or deleting one costs O(log n + CHUNK).
  // (One sorted array cost O(n) per new key — a sales unit's partition gains rows with every saga, and keeping its
  // order took 14 % of the table process's time by the tenth minute of the sustained row.)
  const CHUNK = 512;
  class SortedKeys {
    constructor(sorted) {
      this.chunks = [];
      for (let i = 0; i < sorted.length; i += CHUNK / 2) {
        this.chunks.push(sorted.slice(i, i + CHUNK / 2));
      }
    }

    // The last chunk whose first key is <= rowKey (the first chunk when none is).
    chunkOf(rowKey) {
      let lo = 0, hi = this.chunks.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.chunks[mid][0] <= rowKey) lo = mid + 1; else hi = mid;
      }
      return Math.max(0, lo - 1);
    }

    // Where rowKey is or would go: its chunk's index, that chunk, and the position in it.
    locate(rowKey) {
      const c = this.chunkOf(rowKey);
      const chunk = this.chunks[c];
      return [c, chunk, lowerBound(chunk, rowKey)];
    }

    add(rowKey) {
      if (this.chunks.length === 0) {
        this.chunks.push([rowKey]);
        return;
      }
      const [c, chunk, at] = this.locate(rowKey);
      if (chunk[at] === rowKey) {
        return;
      }
      chunk.splice(at, 0, rowKey);
      if (chunk.length > CHUNK) {
        this.chunks.splice(c + 1, 0, chunk.splice(CHUNK / 2));
      }
    }

    delete(rowKey) {
      if (this.chunks.length === 0) {
        return;
      }
      const [c, chunk, at] = this.locate(rowKey);
      if (chunk[at] === rowKey) {
        chunk.splice(at, 1);
        if (chunk.length === 0) {
          this.chunks.splice(c, 1);
        }
      }
    }

    // The keys >= from (all when undefined), in order. Keys may be deleted while this is walked (a stale entry found
    // on the way is forgotten): each chunk's keys are copied before they are handed out, and the walk goes on from the
    // last key handed out, wherever the chunks then are.
    *from(from) {
      let last;
      while (true) {
        const after = last !== undefined ? last : from;
        let c = after === undefined ? 0 : this.chunkOf(after);
        let chunk = this.chunks[c];
        if (!chunk) {
          return;
        }
        // The first key past the last one handed out, or the first >= from.
        let at = after === undefined ? 0 : lowerBound(chunk, after);
        if (last !== undefined && chunk[at] === last) {
          at++;
        }
        if (at >= chunk.length) {
          chunk = this.chunks[++c];
          at = 0;
          if (!chunk) {
            return;
          }
        }
        for (const rowKey of chunk.slice(at)) {
          last = rowKey;
          yield rowKey;
        }
      }
    }
  }

  function partitionsOf(collection) {
    let partitions = collection[INDEX];
    if (!partitions) {
      partitions = new Map();
      collection[INDEX] = partitions;
      if (lazyKeyIndices) {
        // Nothing reads LokiJS's own PartitionKey and RowKey indices of an entity collection any more (the map answers
        // the lookups, and Azurite's queries sort with their own function): keep them lazily (a change marks them dirty,
        // a read would rebuild them) instead of mending them on every write, which costs O(rows of the table) each.
        collection.adaptiveBinaryIndices = false;
      }
      const add = (docs) => {
        for (const doc of [].concat(docs)) {
          remember(partitions, doc);
        }
      };
      add(collection.data);
      collection.on('insert', add);
      collection.on('update', add);
      collection.on('delete', (doc) => {
        if (isEntity(doc) && partitions.get(doc.PartitionKey)?.rows.get(doc.RowKey)?.$loki === doc.$loki) {
          forget(partitions, doc.PartitionKey, doc.RowKey);
        }
      });
    }
    return partitions;
  }

  function remember(partitions, doc) {
    if (!isEntity(doc)) {
      return;
    }
    let partition = partitions.get(doc.PartitionKey);
    if (!partition) {
      partition = { rows: new Map(), sorted: null };
      partitions.set(doc.PartitionKey, partition);
    }
    if (partition.sorted && !partition.rows.has(doc.RowKey)) {
      partition.sorted.add(doc.RowKey);
    }
    partition.rows.set(doc.RowKey, doc);
  }

  function forget(partitions, partitionKey, rowKey) {
    const partition = partitions.get(partitionKey);
    if (!partition || !partition.rows.delete(rowKey)) {
      return;
    }
    if (partition.sorted) {
      partition.sorted.delete(rowKey);
    }
    if (partition.rows.size === 0) {
      partitions.delete(partitionKey);
    }
  }

  const findOne = Collection.prototype.findOne;

  // The stored entity of these keys, the index checked against the collection (and mended when it was stale).
  function lookup(collection, partitionKey, rowKey) {
    const partitions = partitionsOf(collection);
    const doc = partitions.get(partitionKey)?.rows.get(rowKey);
    if (doc === undefined) {
      return null;
    }
    // Still stored, and still this document (LokiJS's get is a binary search on its id index)?
    if (collection.get(doc.$loki) === doc) {
      return doc;
    }
    forget(partitions, partitionKey, rowKey);
    const current = findOne.call(collection, { PartitionKey: partitionKey, RowKey: rowKey });
    remember(partitions, current);
    return current;
  }

  const indexed = (collection) => collection.binaryIndices && collection.binaryIndices.PartitionKey && collection.binaryIndices.RowKey;

  Collection.prototype.findOne = function (query) {
    if (query && indexed(this) && typeof query.PartitionKey === 'string' && typeof query.RowKey === 'string'
      && Object.keys(query).length === 2) {
      return lookup(this, query.PartitionKey, query.RowKey);
    }
    return findOne.call(this, query);
  };

  let Store, Parser, Generator, Errors;
  try {
    const table = './node_modules/azurite/dist/src/table/';
    Store = require(table + 'persistence/LokiTableMetadataStore').default;
    Parser = require(table + 'persistence/QueryInterpreter/QueryParser').default;
    Generator = require(table + 'persistence/LokiTableStoreQueryGenerator').default;
    Errors = require(table + 'errors/StorageErrorFactory').default;
  } catch (e) {
    return; // Another Azurite layout: its own replace and query.
  }

  // Azurite replaces an entity (an update, or an upsert of one that exists) by removing the stored document and
  // inserting the new one, and LokiJS's remove splices its data and id arrays: O(rows of the table) per write. The
  // Durable backend replaces its History table's sentinel row — the largest table, growing with every saga — in every
  // episode. So the new document takes the old one's place and id (LokiJS's update), after Azurite's own checks.
  if (lazyKeyIndices) {
    Store.prototype.updateTableEntity = async function (context, table, account, entity, ifMatch, batchId) {
      const collection = this.getEntityCollection(account, table, context);
      const doc = collection.findOne({ PartitionKey: entity.PartitionKey, RowKey: entity.RowKey });
      if (!doc) {
        throw Errors.getEntityNotFound(context);
      }
      if (batchId !== '') {
        this.transactionRollbackTheseEntities.push(doc);
      }
      const ifMatchEncoded = ifMatch === undefined ? undefined : this.encodeIfMatch(ifMatch);
      if (ifMatchEncoded !== undefined && ifMatchEncoded !== '*' && ifMatchEncoded !== this.encodeIfMatch(doc.eTag)) {
        throw Errors.getPreconditionFailed(context);
      }
      entity.properties.Timestamp = entity.lastModifiedTime;
      entity.properties['Timestamp@odata.type'] = 'Edm.DateTime';
      entity.$loki = doc.$loki;
      entity.meta = Object.assign({}, doc.meta); // (a transaction's rollback keeps the old document as it was)
      collection.update(entity);
      return entity;
    };
  }

  // The entity query: only the partition the filter pins, and only the RowKey range it names.
  if (process.env.AZURITE_QUERY_INDEX === 'off') {
    return;
  }
  const query = Store.prototype.queryTableEntities;
  Store.prototype.queryTableEntities = async function (context, account, table, queryOptions, nextPartitionKey, nextRowKey) {
    const scope = scopeOf(queryOptions && queryOptions.filter);
    const collection = scope && this.getEntityCollection(account, table, context);
    if (!scope || !collection || !indexed(collection)) {
      return query.call(this, context, account, table, queryOptions, nextPartitionKey, nextRowKey);
    }
    // Azurite's own validation and errors for the filter, and its predicate for the rest of it.
    const where = Generator.generateQueryForPersistenceLayer(queryOptions, context);
    const maxResults = this.getMaxResultsOption(queryOptions);
    const nextPk = this.decodeContinuationHeader(nextPartitionKey);
    const nextRk = this.decodeContinuationHeader(nextRowKey);
    const result = [];
    // A continuation into a later partition than the one pinned, or a RowKey without its partition (Azurite's own
    // predicate then matches nothing either): nothing left.
    if (nextPk === undefined ? nextRk === undefined : nextPk <= scope.partitionKey) {
      const from = nextRk !== undefined && nextPk === scope.partitionKey
        ? (scope.from === undefined || nextRk > scope.from ? nextRk : scope.from) : scope.from;
      for (const doc of rowsOf(collection, scope.partitionKey, from, scope.to)) {
        if (where(doc)) {
          result.push(doc);
          if (result.length > maxResults) {
            break;
          }
        }
      }
    }
    const response = this.adjustQueryResultforTop(result, maxResults);
    return [result, response.nextPartitionKeyResponse, response.nextRowKeyResponse];
  };

  // The partition's stored entities with from <= RowKey <= to (loose bounds: the filter decides each row), in RowKey order
  // (a stale entry found on the way is removed from the keys as they are walked: SortedKeys.from allows it).
  function* rowsOf(collection, partitionKey, from, to) {
    const partitions = partitionsOf(collection);
    const partition = partitions.get(partitionKey);
    if (!partition) {
      return;
    }
    if (!partition.sorted) {
      partition.sorted = new SortedKeys([...partition.rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    for (const rowKey of partition.sorted.from(from)) {
      if (to !== undefined && rowKey > to) {
        return;
      }
      const doc = lookup(collection, partitionKey, rowKey);
      if (doc) {
        yield doc;
      }
    }
  }

  // { partitionKey, from, to } when one of the filter's top-level conjuncts is `PartitionKey eq '<text>'` (the Durable
  // backend's history load is `PartitionKey eq '…' and (RowKey eq '…' or ExecutionId eq '…')`); from and to bound the
  // RowKey loosely from the top-level conjuncts (the filter still decides each row); undefined for any other filter
  // (an `or` or `not` at the top, no PartitionKey, a PartitionKey range).
  function scopeOf(filter) {
    if (typeof filter !== 'string' || filter === '') {
      return undefined;
    }
    let tree;
    try {
      tree = Parser(filter);
    } catch (e) {
      return undefined; // Azurite's own query reports it.
    }
    // The top-level conjuncts: each must hold for a row to match, whatever else (an `or`, a `not`) they contain.
    const scope = {};
    const atoms = [];
    const conjuncts = (node) => {
      if (node && node.name === 'and') {
        conjuncts(node.left);
        conjuncts(node.right);
      } else if (node) {
        atoms.push(node);
      }
    };
    conjuncts(tree);
    for (const atom of atoms) {
      const { left, right } = atom;
      if (!left || !right || left.name !== 'id' || right.name !== 'constant' || typeof right.value !== 'string') {
        continue;
      }
      if (left.identifier === 'PartitionKey' && atom.name === 'eq') {
        scope.partitionKey = right.value;
      } else if (left.identifier === 'RowKey') {
        if ((atom.name === 'ge' || atom.name === 'gt' || atom.name === 'eq') && (scope.from === undefined || right.value > scope.from)) {
          scope.from = right.value;
        }
        if ((atom.name === 'le' || atom.name === 'lt' || atom.name === 'eq') && (scope.to === undefined || right.value < scope.to)) {
          scope.to = right.value;
        }
      }
    }
    return typeof scope.partitionKey === 'string' ? scope : undefined;
  }
}
