// Exporting a whole database as Neo4j-admin CSV, JSON Lines, GraphML or DOT,
// so the graph can move to another engine (Neo4j, NebulaGraph, JanusGraph,
// Gephi, yEd, Graphviz). Every export reads one consistent snapshot.
//
// Formats (docs/import-export.md has the details):
//   csv      DIR/nodes.csv + DIR/relationships.csv in the importer's format;
//            one typed column per property key (`founded:long`,
//            `stance:double`, `since:date`, `aliases:string[]`), columns
//            sorted, entities in id order with `:ID` their 0-based position,
//            relations in id order. Importing it into a fresh database and
//            exporting again gives byte-identical files.
//   jsonl    one JSON object per line in the JSON contract shapes of
//            core/json.h: every node, then every relationship, by id.
//   graphml  GraphML with typed <key> declarations (boolean, long, double,
//            string; dates as ISO strings, lists as JSON text), the labels in
//            a `labels` attribute and the relationship type in `type`.
//   dot      plain Graphviz DOT (no layout): nodes labelled by name, edges by
//            type.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/store.h"

namespace kg::storage {

enum class ExportFormat { kCsv, kJsonl, kGraphml, kDot };

// "csv", "jsonl", "graphml" or "dot"; anything else is InvalidArgument.
Result<ExportFormat> ParseExportFormat(std::string_view name);

struct ExportSummary {
  uint64_t entities = 0;
  uint64_t relations = 0;
};

// Writes a single-file format (jsonl, graphml, dot) to `out`. kCsv is
// InvalidArgument (it needs a directory: use ExportCsv). IOError when the
// stream fails; Corruption/IOError from the store are returned as is.
Result<ExportSummary> ExportToStream(const Store& store, ExportFormat format, std::ostream& out);

// Writes a single-file format to `path` whole or not at all (core/atomic_file.h:
// a temporary file renamed over it; devices and FIFOs written directly).
// IOError naming the path and the reason when it cannot be written; the old
// file is then unchanged.
Result<ExportSummary> ExportToFile(const Store& store, ExportFormat format,
                                   const std::string& path);

// Writes `dir`/nodes.csv and `dir`/relationships.csv, creating `dir` when
// absent. Both files are complete before either replaces the old pair, so a
// failure leaves the previous export untouched. IOError when the directory or
// a file cannot be written.
Result<ExportSummary> ExportCsv(const Store& store, const std::string& dir);

}  // namespace kg::storage
