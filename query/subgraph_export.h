// A query's subgraph as an export selection: `kg export --query` and the
// HTTP export endpoint export just the nodes and relationships that a
// read-only statement returns (anywhere in its result, as kg render draws
// them: cells, lists, maps, paths; a relationship brings its endpoints).
#pragma once

#include <string_view>

#include "core/result.h"
#include "query/query.h"
#include "storage/export.h"
#include "storage/store.h"

namespace kg::query {

// Runs `text` read-only and returns the entities and relations of its
// result. InvalidArgument when the statement writes (nothing is run) or
// when the result holds no node, relationship or path (saying so); syntax
// and execution errors as PreparedStatement reports them.
Result<storage::ExportSelection> QuerySelection(storage::Store& store, std::string_view text,
                                                const QueryOptions& options);

}  // namespace kg::query
