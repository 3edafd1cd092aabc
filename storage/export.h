// Exporting a whole database as Neo4j-admin CSV, JSON Lines, GraphML or DOT,
// so the graph can move to another engine (Neo4j, NebulaGraph, JanusGraph,
// Gephi, yEd, Graphviz). Every export reads one consistent snapshot.
//
// Formats (docs/import-export.md has the details):
//   csv      DIR/nodes.csv + DIR/relationships.csv in the importer's format;
//            one typed column per property key (`founded:long`,
//            `stance:double`, `since:date`, `aliases:string[]`), columns
//            sorted, entities in id order with `:ID` the one they were
//            imported with (else their 0-based position; all positions when
//            two would clash), relations in id order. Importing it into a fresh database and
//            exporting again gives byte-identical files.
//   jsonl    one JSON object per line in the JSON contract shapes of
//            core/json.h: every node, then every relationship, by id.
//   graphml  GraphML with typed <key> declarations (boolean, long, double,
//            string; dates as ISO strings, lists as ';'-delimited strings),
//            a `label` key (entity name, relationship type) for Gephi and
//            yEd, the labels in `labels`, the type in `type`; node ids the
//            imported `:ID`s (else n<id>); relations of a
//            symmetric type (per the ontology) are undirected edges.
//   gexf     GEXF 1.3 for Gephi: label, typed attributes, symmetric types
//            undirected, the validity interval as the edge's start/end
//            (a dynamic graph, so Gephi's timeline plays it).
//   cypher   a Cypher script of CREATE statements (one per node, one
//            MATCH ... CREATE per relationship, then one statement removing
//            the temporary export id) that Neo4j, Memgraph and kg's shell
//            load as it is.
//   dot      plain Graphviz DOT (no layout): nodes labelled by name, edges by
//            type.
//
// Any format can export a part of the graph (ExportSelection, e.g. a query's
// nodes and relationships) instead of the whole database.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/store.h"

namespace kg::storage {

enum class ExportFormat { kCsv, kJsonl, kGraphml, kDot, kGexf, kCypher };

// "csv", "jsonl", "graphml", "gexf", "cypher" or "dot"; anything else is
// InvalidArgument.
Result<ExportFormat> ParseExportFormat(std::string_view name);

// A part of the graph: these entities and relations, and every relation's
// two endpoints (so each exported edge has its nodes). Ids in any order,
// duplicates allowed.
struct ExportSelection {
  std::vector<EntityId> entities;
  std::vector<RelationId> relations;
};

struct ExportSummary {
  uint64_t entities = 0;
  uint64_t relations = 0;
};

// Writes a single-file format (jsonl, graphml, gexf, cypher, dot) to `out`:
// the whole database, or only `selection` when it is given. kCsv is
// InvalidArgument (it needs a directory: use ExportCsv). IOError when the
// stream fails; NotFound when a selected id does not exist; Corruption/IOError
// from the store are returned as is.
Result<ExportSummary> ExportToStream(const Store& store, ExportFormat format, std::ostream& out,
                                     const ExportSelection* selection = nullptr);

// Writes a single-file format to `path` whole or not at all (core/atomic_file.h:
// a temporary file renamed over it; devices and FIFOs written directly).
// IOError naming the path and the reason when it cannot be written; the old
// file is then unchanged. With `selection`, only that part of the graph.
Result<ExportSummary> ExportToFile(const Store& store, ExportFormat format, const std::string& path,
                                   const ExportSelection* selection = nullptr);

// Writes `dir`/nodes.csv and `dir`/relationships.csv, creating `dir` when
// absent. Both files are complete before either replaces the old pair, so a
// failure leaves the previous export untouched. IOError when the directory or
// a file cannot be written. With `selection`, only that part of the graph
// (as ExportToStream).
Result<ExportSummary> ExportCsv(const Store& store, const std::string& dir,
                                const ExportSelection* selection = nullptr);

}  // namespace kg::storage
