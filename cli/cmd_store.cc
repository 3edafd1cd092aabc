// Placeholder until the store commands land; replaced by their owner.
#include "cli/cli.h"

namespace kg::cli {
void RegisterStoreCommands(CLI::App&, Context&) {}
}  // namespace kg::cli
