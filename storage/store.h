// The persistent graph: entities, relations and their provenance in RocksDB
// column families. Many readers (each on its own snapshot), one writer.
//
// Layout (see docs/storage.md): entity and relation records are Cap'n Proto
// messages keyed by big-endian ids; out- and in-adjacency keys
// node|type|other|relation make one prefix scan yield a node's neighbours by
// type; a case-insensitive name+alias index and a label index point at
// entities; a meta family holds the format version, the ontology, the
// relation-type dictionary, id counters and per-label/per-type counts.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "core/relation.h"
#include "core/relation_clock.h"
#include "core/result.h"
#include "schema/ontology.h"

namespace kg::storage {

enum class Direction { kOutgoing, kIncoming, kBoth };

// The three dictionaries of names a statement may mention.
enum class NameKind { kLabel, kType, kPropertyKey };

struct OpenOptions {
  bool read_only = false;
  // How long a writable open waits for another process's write lock before
  // failing with "is locked by another process" (0 = fail at once).
  std::chrono::milliseconds busy_timeout{0};
  // Memory allowed for the in-memory copy of the graph's structure (both
  // adjacency directions and every entity's name) that read transactions use
  // for traversals once enough reads went to RocksDB; 0 disables it. See
  // docs/storage.md, "Topology cache".
  size_t topology_cache_bytes = size_t{1} << 30;
  // Build that copy after this many reads served by RocksDB; 0 chooses
  // automatically (as many as a build costs, so it at most doubles the work).
  uint64_t topology_build_after = 0;
  // Decoded entity records kept for the read transactions of the latest
  // snapshot (emptied by every commit); 0 disables that cache.
  size_t entity_cache_entries = size_t{1} << 18;
};

// One adjacency entry seen from the node being expanded.
struct Edge {
  RelationId relation = 0;
  EntityId other = 0;     // the neighbour (== the node itself for a self-loop)
  std::string_view type;  // valid for the lifetime of the Store
  bool outgoing = true;   // true when the expanded node is the relation's start
};

// A relation without its properties, as the adjacency holds it.
struct EdgeTriple {
  RelationId relation = 0;
  EntityId start = 0;
  EntityId end = 0;
  std::string_view type;  // valid for the lifetime of the Store
};

struct StoreStats {
  uint64_t entities = 0;
  uint64_t relations = 0;
  std::vector<std::pair<std::string, uint64_t>> entities_by_label;  // sorted by label
  std::vector<std::pair<std::string, uint64_t>> relations_by_type;  // sorted by type
  uint32_t format_version = 0;
  uint64_t disk_bytes = 0;  // live SST + WAL files of the database directory
  std::string ontology;     // the ontology's name
  // The topology cache's memory budget as opened (OpenOptions;
  // 0 = off) and what a copy of this graph would take by the cache's own
  // estimate; a graph whose estimate is over the budget is never copied.
  uint64_t topology_budget_bytes = 0;
  uint64_t topology_estimate_bytes = 0;
  // What the copy this store holds now takes, clock table included (0: no
  // copy built in this process yet).
  uint64_t topology_held_bytes = 0;
};

class Transaction;
namespace internal {
class TxnAccess;  // raw meta access for storage/sources.cc
class StoreInternal;
}  // namespace internal

class Store {
 public:
  // Creates an empty database at `path` (the directory is created if absent)
  // that enforces `ontology`. It is built beside `path` and renamed into
  // place, so a kill leaves nothing half-made. AlreadyExists when a kg database is there;
  // IOError when the path cannot be used (not a directory, not empty, ...).
  static Status Create(const std::string& path, const schema::Ontology& ontology);

  // Opens an existing database. NotFound when there is none at `path`;
  // IOError "... is locked by another process" when another process has it
  // open for writing for longer than `busy_timeout` (read-only opens work
  // beside a writer); NotSupported for a newer or unknown format version.
  // Corruption (naming the damaged file and saying what to do) when the
  // meta data is bad, a live table file is missing or has the wrong size, a
  // log record fails its checksum, or table files hold data the MANIFEST
  // does not name (docs/storage.md, "Damage"); never an older or empty graph.
  // A writable open compacts level-0 files when due, so that the number of
  // files stays bounded however many short sessions write.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const OpenOptions& options);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;
  bool read_only() const;
  const schema::Ontology& ontology() const;

  // A read-only transaction over a consistent snapshot taken now.
  std::unique_ptr<Transaction> BeginRead() const;
  // A write transaction that sees its own writes on top of a snapshot.
  // Write transactions of one Store are serialised: this waits for the
  // previous one to commit or be destroyed. NotSupported on a read-only store.
  Result<std::unique_ptr<Transaction>> BeginWrite();

  Result<StoreStats> Stats() const;

  // Verifies every invariant: each adjacency entry has its relation record and
  // its mirror entry, each relation has both adjacency entries and live
  // endpoints, index entries point at live entities whose name/alias/label
  // matches, every entity is indexed, stored counts equal the real ones, every
  // record decodes. Returns one line per violation (empty when sound).
  Result<std::vector<std::string>> Check() const;

  class Impl;  // opaque outside storage/

 private:
  // storage/ internals (import, test access) reach the Impl through
  // internal::StoreInternal::ImplOf, not a public accessor.
  friend class internal::StoreInternal;
  Impl* impl() const { return impl_.get(); }
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A read or write transaction. Reads of a write transaction include its own
// uncommitted writes. Callbacks return false to stop a scan early. All errors
// are Status; a failed write leaves the transaction usable but the caller
// normally abandons it (destruction without Commit discards everything).
class Transaction {
 public:
  ~Transaction();

  bool writable() const;
  // The RocksDB sequence number of the snapshot this transaction reads: equal
  // numbers mean equal data, so caches derived from a snapshot (the ingest
  // name automaton) key on it. A write transaction's own writes are not in it.
  uint64_t snapshot_sequence() const;
  // Builds the store's in-memory topology copy (OpenOptions) of this read
  // transaction's snapshot now, instead of once enough reads went to
  // RocksDB: kg serve warms it in the background so no request pays the
  // build. False when there is none for this snapshot afterwards (a write
  // transaction, the cache disabled, or over its memory budget).
  Result<bool> WarmTopology() const;

  // --- reads -------------------------------------------------------------
  // NotFound when absent; Corruption when the record does not decode.
  Result<Entity> GetEntity(EntityId id) const;
  // The same record, shared: no copy when it comes from the store's cache of
  // decoded records (read transactions only).
  Result<std::shared_ptr<const Entity>> GetEntityShared(EntityId id) const;
  Result<Relation> GetRelation(RelationId id) const;
  // RelationClock::Of(GetRelation(id)), without decoding the other
  // properties: what a traversal needs to apply a RelationFilter to an edge
  // (FilterAccepts). The same errors as GetRelation.
  Result<RelationClock> GetRelationClock(RelationId id) const;
  // The CSV `:ID` entity `id` was imported with ("" when it was created
  // otherwise); exports give it back. NotFound when there is no such entity.
  Result<std::string> ImportId(EntityId id) const;
  // FilterAccepts(filter, GetRelationClock(id)) without a RocksDB read when
  // this read transaction uses the topology cache: then from its clock table
  // (built on the first such call at that snapshot; docs/storage.md, "Clock
  // table"). The same answers and errors as the record's.
  // Otherwise, in a read transaction of a database whose adjacency values
  // carry clocks, from the value Expand or ScanEdges read for that edge
  // (docs/storage.md, "Clocks in the adjacency values").
  Result<bool> RelationAccepted(RelationId id, const RelationFilter& filter) const;
  // RelationAccepted when this read transaction can answer from memory (the
  // clock table, or the clock of an edge its expansion just read): no
  // RocksDB read, no error. nullopt when only the record can tell (always
  // in a write transaction, and for an id it does not hold): then call
  // RelationAccepted. Traversals call it per edge, so it keeps `filter`
  // prepared between calls; pass the same filter object each time.
  std::optional<bool> RelationAcceptedInMemory(RelationId id, const RelationFilter& filter) const;
  // Says that edges will be checked with RelationAccepted: from now on,
  // expansions through RocksDB keep the clock of each edge they read (a
  // first RelationAccepted that has to read a record also turns this on).
  void KeepEdgeClocks() const;
  // Whether entity `id` exists; a read error is returned, never taken as false.
  Result<bool> EntityExists(EntityId id) const;
  // The property `key` of entity `id` when it is known without reading the
  // entity's record (a read transaction's `name`, from the topology cache):
  // the value, or null when the entity has no such property. nullopt when it
  // is not known that way (then use GetEntity; nullopt also for an absent
  // entity).
  std::optional<Value> PeekProperty(EntityId id, std::string_view key) const;
  // PeekProperty(id, "name") without a copy of the name: kString with
  // `*text` viewing it (valid while the transaction lives), kNull when the
  // entity has no name, kUnknown where PeekProperty gives nullopt.
  enum class PeekedName { kUnknown, kNull, kString };
  PeekedName PeekName(EntityId id, std::string_view* text) const;
  // Brings the names of `ids` towards the processor's cache, when PeekProperty
  // would read them from the topology cache (a hint: nothing is read or
  // returned). A caller about to read a batch of names calls it a little
  // ahead of them.
  void PrefetchNames(std::span<const EntityId> ids) const;
  // True when every `name` PeekProperty gives as a string belongs to one
  // entity only: a read transaction whose snapshot has the topology cache
  // and in which no two entities share a string name. False otherwise
  // (then nothing is known). The first call of a snapshot's cache compares
  // every name (about 10 ms per 100,000).
  bool PeekedNamesUnique() const;
  // Whether entity `id` has `label` when that is known without reading its
  // record (a read transaction's, from the topology cache's label sets);
  // nullopt when it is not known that way (then use GetEntity; nullopt
  // also for an absent entity). A write transaction always gets nullopt.
  std::optional<bool> PeekLabel(EntityId id, std::string_view label) const;

  // Ids of the entities whose name or one of whose aliases equals `text`
  // ignoring case (ASCII and Unicode simple case folding of the stored
  // UTF-8), in id order. Callers needing exact (case-sensitive) name equality
  // filter the result themselves. A read transaction whose snapshot has the
  // topology copy answers from the copy's hash index of the same names
  // (docs/storage.md, "Topology cache"), with the same result.
  Result<std::vector<EntityId>> FindByName(std::string_view text) const;
  // "Did you mean": up to `max` names of entities whose name or an alias is
  // within a small edit distance of `text` (core/suggest.h), nearest first,
  // each entity once. Scans every name and alias (about 50 ms per 100,000).
  Result<std::vector<std::string>> SuggestNames(std::string_view text, size_t max = 3) const;

  // Whether the database has ever held this exact label, relationship type
  // or property key (names stay known after their last use is deleted, as
  // Neo4j's tokens do); a write transaction's own new names count. Cheap: a
  // dictionary look-up (the first property-key question on a read-only
  // open of a database written before kg kept property keys scans the
  // records once; storage/internal/property_keys.h).
  Result<bool> HasName(NameKind kind, std::string_view name) const;
  // Every such name, sorted (for "did you mean").
  Result<std::vector<std::string>> Names(NameKind kind) const;

  // Entity ids with this label in id order; an empty label scans all entities.
  Status ScanEntities(std::string_view label, const std::function<bool(EntityId)>& fn) const;
  // All relations (optionally of one type; empty = any) in id order of their start node.
  Status ScanEdges(std::string_view type, const std::function<bool(const EdgeTriple&)>& fn) const;
  // The relations at `node` in direction `dir`, restricted to `types` (empty =
  // any). Outgoing entries come first, each group ordered by type, neighbour,
  // relation id. A self-loop is reported once per direction asked for.
  Status Expand(EntityId node, Direction dir, const std::vector<std::string>& types,
                const std::function<bool(const Edge&)>& fn) const;
  // Expand restricted to the relations that pass `filter`
  // (RelationAccepted; an empty filter keeps all): each edge is decided
  // from memory where this transaction can (the topology cache's clock
  // table, whose slot it keeps beside each entry, or the adjacency value
  // the expansion read), else from the relation's record. The first error
  // of such a read is returned (after edges reported before it).
  Status Expand(EntityId node, Direction dir, const std::vector<std::string>& types,
                const RelationFilter& filter, const std::function<bool(const Edge&)>& fn) const;
  // The far end of each relation the filtered Expand would report, in its
  // order, appended to *out: what a traversal needs that only asks which
  // nodes are next (the BFS of distinct ends). From the topology copy
  // without a callback per relation when the filter is empty; otherwise
  // through Expand. The same errors as Expand (after the ends before it).
  Status Neighbours(EntityId node, Direction dir, const std::vector<std::string>& types,
                    const RelationFilter& filter, std::vector<EntityId>* out) const;
  // The dates this snapshot's relations mention (ClockSpan: the first and
  // the last of valid_from, valid_to and the said date, and how many
  // relations are dated). From the topology cache's clock table when this
  // transaction has one; otherwise one pass over the relations, each clock
  // read from its adjacency value (from its record where the value does not
  // carry it): about a second per million relations.
  Result<ClockSpan> DateSpan() const;
  // Number of relations at `node` in `dir` (of `types`, empty = any).
  Result<uint64_t> Degree(EntityId node, Direction dir,
                          const std::vector<std::string>& types) const;

  // --- writes (NotSupported on a read transaction) -------------------------
  // Every write is checked against the ontology at once and refused with
  // SchemaViolation; nothing is visible to others before Commit.
  Result<EntityId> CreateEntity(std::vector<std::string> labels, PropertyMap properties);
  // Replaces labels and properties of an existing entity (re-indexing names,
  // aliases and labels; re-checking its relations when labels change).
  Status UpdateEntity(const Entity& entity);
  // Deletes an entity. Without `detach`, an entity that still has relations is
  // refused (InvalidArgument); with it, its relations go too.
  Status DeleteEntity(EntityId id, bool detach);
  Result<RelationId> CreateRelation(std::string type, EntityId start, EntityId end,
                                    PropertyMap properties);
  // Replaces the properties of an existing relation (type and endpoints are fixed).
  Status UpdateRelation(const Relation& relation);
  Status DeleteRelation(RelationId id);

  // Applies every write atomically (one RocksDB WriteBatch, synced) and ends
  // the transaction. A read transaction's Commit just ends it.
  Status Commit();

  class Impl;
  explicit Transaction(std::unique_ptr<Impl> impl);

 private:
  friend class internal::TxnAccess;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg::storage
