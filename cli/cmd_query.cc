// Placeholder until the query commands land; replaced by their owner.
#include "cli/cli.h"

namespace kg::cli {
void RegisterQueryCommands(CLI::App&, Context&) {}
}  // namespace kg::cli
