// Checking ServerOptions before anything starts (defined in server.cc).
#pragma once

#include "core/result.h"
#include "server/server.h"

namespace kg::server::internal {

// The options a server runs with: InvalidArgument naming the `kg serve`
// flag for a limit out of range (--max-body 0, --threads below 1, a
// negative or non-finite --timeout, --max-connections 0, ...), a bad
// address, or a non-loopback address without allow_remote and a token.
// A server listening beyond loopback gets auth_reads.
Result<ServerOptions> ResolveOptions(const ServerOptions& requested);

}  // namespace kg::server::internal
