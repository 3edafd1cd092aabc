// Reads a CSV file's rows on a thread of their own (tokenising and
// converting the values) while the caller's thread checks and resolves them
// (internal to the bulk import). The rows reach the caller in file order, in
// batches; a reader error is returned only after every row before it has
// been handed on, so the first error in file order is the one reported,
// exactly as when one thread does both.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/result.h"

namespace kg::storage::internal {

// The batches in flight between the reader thread and the consumer.
template <typename Row>
class RowQueue {
 public:
  static constexpr size_t kBatchRows = 2048;
  static constexpr size_t kBatches = 4;  // in flight at most: bounds the memory
  struct Batch {
    std::vector<Row> rows = std::vector<Row>(kBatchRows);
    size_t size = 0;
  };

  RowQueue() : storage_(kBatches) {
    for (Batch& b : storage_) free_.push_back(&b);
  }

  // An empty batch to fill, or nullptr once the consumer stopped.
  Batch* TakeFree() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty() || stop_; });
    if (stop_) return nullptr;
    Batch* b = free_.back();
    free_.pop_back();
    return b;
  }
  void HandOn(Batch* b) {
    std::lock_guard<std::mutex> lock(mu_);
    full_.push_back(b);
    cv_.notify_all();
  }
  void ReaderDone(Status st) {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
    read_status_ = std::move(st);
    cv_.notify_all();
  }
  // The next full batch in file order, or nullptr when the reader has
  // finished (its status in *st).
  Batch* TakeFull(Status* st) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !full_.empty() || done_; });
    if (full_.empty()) {
      *st = read_status_;
      return nullptr;
    }
    Batch* b = full_.front();
    full_.pop_front();
    return b;
  }
  void Recycle(Batch* b) {
    std::lock_guard<std::mutex> lock(mu_);
    b->size = 0;
    free_.push_back(b);
    cv_.notify_all();
  }
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Batch> storage_;
  std::deque<Batch*> full_;  // read, not yet consumed
  std::vector<Batch*> free_;
  bool done_ = false;  // the reader returned; read_status_ is its result
  bool stop_ = false;  // the consumer stopped: the reader gives up
  Status read_status_;
};

template <typename Row>
using RowReader = Status (*)(const std::string&, const std::function<Status(Row&)>&);

// The reader thread's body: fills batches with `read`'s rows.
template <typename Row>
void ReadIntoQueue(const std::string& path, RowReader<Row> read, RowQueue<Row>* queue) {
  using Batch = typename RowQueue<Row>::Batch;
  Batch* batch = queue->TakeFree();
  std::function<Status(Row&)> add = [&](Row& row) -> Status {
    std::swap(batch->rows[batch->size++], row);
    if (batch->size < RowQueue<Row>::kBatchRows) return Status::OK();
    queue->HandOn(batch);
    batch = queue->TakeFree();
    return batch == nullptr ? Status::Internal("import stopped") : Status::OK();
  };
  Status st = Status::Internal("import stopped");
  if (batch != nullptr) st = read(path, add);
  if (batch != nullptr && batch->size > 0) queue->HandOn(batch);
  queue->ReaderDone(std::move(st));
}

// `read` is ReadNodeCsv or ReadEdgeCsv; `fn` gets each row in file order on
// the calling thread. Row objects are swapped, never copied: their maps and
// strings are reused from batch to batch.
template <typename Row>
Status ReadRowsPipelined(const std::string& path, RowReader<Row> read,
                         const std::function<Status(Row&)>& fn) {
  RowQueue<Row> queue;
  std::thread reader(ReadIntoQueue<Row>, std::cref(path), read, &queue);
  Status result;
  while (true) {
    typename RowQueue<Row>::Batch* b = queue.TakeFull(&result);
    if (b == nullptr) break;
    for (size_t i = 0; i < b->size && result.ok(); ++i) result = fn(b->rows[i]);
    if (!result.ok()) break;
    queue.Recycle(b);
  }
  queue.Stop();
  reader.join();
  return result;
}

}  // namespace kg::storage::internal
