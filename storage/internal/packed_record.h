// Records in Cap'n Proto's packed encoding (capnproto.org/encoding.html,
// "Packing"): each word becomes a tag byte (a bit per nonzero byte) and its
// nonzero bytes; a zero word is followed by a count of further zero words,
// an all-nonzero word by a count of words copied as they are (this encoder
// always writes 0 there; readers take any count).
//
// Relation records are stored packed from format version 3 (keys.h): a
// relation's message is mostly zero bytes (small ids in 64-bit fields, text
// padding), and packing halves it (kggen M: 133 -> 61 bytes a record), which
// lets the family's block compression be LZ4 instead of the slower ZSTD at
// a smaller size than ZSTD made of the flat messages.
//
// A packed record is the marker byte 0xFF followed by the packed message. A
// plain record starts with its segment count minus one (a little-endian
// u32, under 512 in any message Cap'n Proto reads), so when its first byte
// is 0xFF its second is 0 or 1; a packed record's second byte is the tag of
// the message's first word, which is at least 2 (that word holds the first
// segment's size, never 0). Records written before version 3 read as they
// are.
#pragma once

#include <capnp/common.h>
#include <kj/array.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kg::storage::internal {

// The most bytes the packed record of a `message_bytes`-byte message takes.
constexpr size_t PackedRecordBound(size_t message_bytes) { return 1 + message_bytes / 8 * 10; }

// Writes the packed record of `message` (a serialised Cap'n Proto message,
// a whole number of words) to `out`, which has room for PackedRecordBound;
// the bytes written.
size_t PackRecord(std::string_view message, char* out);
// The same, appended to `out`.
void AppendPackedRecord(std::string_view message, std::string* out);
// PackRecord as it runs on a processor without SSSE3 (a byte loop instead
// of a byte shuffle); for tests, which compare the two.
size_t PackRecordWithoutShuffle(std::string_view message, char* out);

// True when `record` is a packed record (see above).
inline bool IsPackedRecord(std::string_view record) {
  return record.size() >= 2 && static_cast<unsigned char>(record[0]) == 0xFF &&
         static_cast<unsigned char>(record[1]) >= 2;
}

// Unpacks the message of packed record `record` into `*buffer` (grown when
// too small) and sets `*words` to its size in words. Corruption, naming
// `what` ("relation"), when the bytes end inside the message, go on after
// it, or claim a message larger than `record` could hold.
Status UnpackRecord(std::string_view record, const char* what, kj::Array<capnp::word>* buffer,
                    size_t* words);

}  // namespace kg::storage::internal
