// The property-key dictionary: every key any entity or relation has ever
// held, so that a query can tell a key the database has never seen (a
// likely misspelling: UnknownPropertyKeyWarning) from one that is merely
// absent on the nodes it matched. Like the label and type dictionaries it
// only grows (a key stays known after its last use is removed, as in
// Neo4j's token store), is written by every write path in the same batch as
// the records (transactions, the bulk import) and lives in the meta family
// under kMetaPropDict.
//
// A database written before kg kept it has no kMetaPropDictComplete marker:
// the first writable open builds the dictionary with one scan of the
// records and writes it with the marker; a read-only open (which cannot
// write) builds it in memory the first time a caller asks for it.
#pragma once

#include "core/entity.h"
#include "core/relation.h"
#include "core/status.h"
#include "storage/internal/store_impl.h"

namespace kg::storage::internal {

// Loads the stored keys at open. On a writable open without the marker,
// builds and stores them first.
Status LoadPropertyKeys(Store::Impl* impl);

// Makes sure impl->props_ covers the database (builds it in memory on a
// read-only open of an old database).
Status EnsurePropertyKeys(Store::Impl* impl);

// Adds the keys of `properties` that the dictionary lacks to `pending`.
void NotePropertyKeys(const Dictionary& dict, const PropertyMap& properties, PendingNames* pending);

}  // namespace kg::storage::internal
