// Bulk import of Neo4j-admin CSV into a Store: the whole import lands
// atomically (sorted SST files ingested in one step) or not at all.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/store.h"

namespace kg::storage {

struct ImportOptions {
  std::vector<std::string> node_files;
  std::vector<std::string> edge_files;
  // Called now and then with rows read so far and the total bytes done/size
  // of all files, for a progress bar. May be empty.
  std::function<void(uint64_t rows, uint64_t bytes_done, uint64_t bytes_total)> progress;
};

struct ImportSummary {
  uint64_t entities = 0;
  uint64_t relations = 0;
};

// Imports the files into `store` (which may already hold data: new entities
// get fresh ids; :ID values are scoped to this one import). Refused with
// "<file>:<line>[:<col>]: reason" and the store unchanged for: unknown or
// duplicate :ID, bad CSV, unparsable values, ontology violations (unknown
// label or type, endpoint kinds not allowed, missing name, stance outside
// [-1, 1]), invalid UTF-8, missing required header columns.
Result<ImportSummary> ImportCsv(Store& store, const ImportOptions& options);

// Creates a database at `path` (absent, or an empty directory) with
// `ontology` and imports the files into it, building it in a hidden
// directory beside `path` that is renamed into place only when the import
// succeeded: a failed or killed import leaves no database at `path`.
// IOError when `path` is not empty; otherwise as ImportCsv.
Result<ImportSummary> ImportIntoNewDatabase(const std::string& path,
                                            const schema::Ontology& ontology,
                                            const ImportOptions& options);

}  // namespace kg::storage
