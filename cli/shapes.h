// The output shapes of `kg get`, `kg path`, `kg stats` and `kg analyze`
// for --format json|jsonl|csv|table, each written once here and shown in
// docs/cli.md. csv and jsonl are flat rows rendered by FormatResult (RFC 4180
// quoting, one object per row); json is one document; table is the
// readable layout for a person (get and stats keep theirs in cmd_store.cc).
#pragma once

#include <string>
#include <vector>

#include "api/session.h"
#include "cli/format.h"
#include "core/result_table.h"
#include "schema/ontology.h"

namespace kg::cli {

// kg get, json: {"entities": [ENTITY, ...]}; jsonl: one ENTITY a line, where
// ENTITY is {"id", "name", "labels", "properties", "relation_counts":
// {TYPE: n}, "relations": [{"id", "type", "direction": "out"|"in",
// "other": {"id", "name", "labels"}, "properties"}]}; csv: one row per
// relation (an entity without relations: one row, relation columns empty).
// Not for table (cmd_store.cc prints that).
std::string FormatEntities(const std::vector<session::EntityView>& views, OutputFormat format);

// kg path in every format (table: the route layout; see docs/cli.md).
std::string FormatPaths(const session::PathRequest& request, const session::PathResult& result,
                        const schema::Ontology& ontology, OutputFormat format);

// kg stats, json: one object; csv/jsonl: rows kind,name,count (kinds
// entities, label, relations, type). Not for table (cmd_store.cc).
std::string FormatStats(const session::Stats& stats, const std::string& db, OutputFormat format);

// kg analyze: the session's table with each node column replaced by plain
// name, label, id columns and each relation column by its type, so that no
// cell holds a JSON object.
ResultTable PlainAnalyzeTable(const ResultTable& table);

}  // namespace kg::cli
