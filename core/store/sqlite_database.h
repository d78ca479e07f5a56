#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace mdse::core {

// One prepared SQLite statement (RAII). Parameter and column indices are
// those of the SQLite C API: binds 1-based, columns 0-based. Failures throw
// core::Error naming the database file.
class SqliteStatement {
public:
    SqliteStatement(sqlite3* db, std::string_view sql, const std::string& label);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bind(int index, std::string_view text);
    SqliteStatement& bind(int index, const std::optional<double>& value);
    SqliteStatement& bind(int index, const std::optional<std::int64_t>& value);
    SqliteStatement& bindNull(int index);

    bool step(); // true while a row is available
    void reset(); // ready to run again, bindings cleared
    void run() { step(); reset(); }

    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<double> optionalReal(int column) const;
    std::optional<std::int64_t> optionalInteger(int column) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
    const std::string& m_label;
};

// An open SQLite connection with the settings every store connection uses:
// busy timeout, foreign keys on, extended result codes. Writes go through
// write(), which wraps the body in one BEGIN IMMEDIATE ... COMMIT and
// retries when another connection holds the write lock.
class SqliteDatabase {
public:
    enum class Mode { ReadOnly, ReadWrite, ReadWriteCreate };

    SqliteDatabase(const std::string& path, Mode mode, int busyTimeoutMs);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    const std::string& path() const { return m_path; }
    bool isReadOnly() const;
    sqlite3* handle() const { return m_db; }

    void exec(std::string_view sql);
    SqliteStatement prepare(std::string_view sql) const { return SqliteStatement(m_db, sql, m_path); }
    std::int64_t queryInteger(std::string_view sql) const; // first column of the first row
    std::int64_t lastInsertId() const;
    std::int64_t changes() const; // rows changed by the last statement

    // Runs `body` inside one write transaction; commits if it returns,
    // rolls back if it throws (and rethrows). Busy/locked conditions are
    // retried with back-off for up to the busy timeout again.
    void write(const std::function<void()>& body);

private:
    void beginImmediate();
    [[noreturn]] void fail(int code, std::string_view what) const;

    std::string m_path;
    sqlite3* m_db = nullptr;
    int m_busyTimeoutMs;
};

// "database is locked (SQLITE_BUSY)", "database or disk is full", ...:
// a sentence for a result code, with a hint for the common ones.
std::string sqliteProblem(int code, sqlite3* db);

} // namespace mdse::core
