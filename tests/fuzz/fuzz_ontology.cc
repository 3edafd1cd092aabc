// Fuzz target: the ontology file loader (schema/ontology.h). Any text must
// give an Ontology or an InvalidArgument; a loaded ontology must print as
// JSON that loads again and prints the same (the documented round trip).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "schema/ontology.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kg::Result<kg::schema::Ontology> ontology = kg::schema::Ontology::FromJson(text, "fuzz.json");
  if (!ontology.ok()) return 0;
  std::string once = ontology->ToJson();
  kg::Result<kg::schema::Ontology> again = kg::schema::Ontology::FromJson(once, "again.json");
  if (!again.ok() || again->ToJson() != once) std::abort();
  return 0;
}
