// The explorer page's files (server/explorer/*), compiled into kg by the
// CMake step in server/explorer/embed.cmake, so `kg serve` needs no files on
// disk and building kg needs no Node.js.
#pragma once

#include <cstddef>
#include <string_view>

namespace kg::server::internal {

struct ExplorerAsset {
  std::string_view name;  // the file name under server/explorer/, e.g. "app.js"
  std::string_view data;  // its bytes
};

// Every file of server/explorer/ (generated explorer_assets.cc), in name order.
extern const ExplorerAsset kExplorerAssets[];
extern const size_t kExplorerAssetCount;

}  // namespace kg::server::internal
