#include "core/store/sqlite_database.h"

#include "core/util/error.h"

#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace mdse::core {

std::string sqliteProblem(int code, sqlite3* db)
{
    std::string text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    switch (code & 0xff) {
    case SQLITE_FULL:
        return text + " (the disk or the file-size limit is full; nothing was written)";
    case SQLITE_READONLY:
        return text + " (the database file or its folder is read-only)";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return text + " (another program kept the database locked too long)";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return text + " (the file is damaged or not a MicroDSE database; it was left untouched)";
    case SQLITE_IOERR:
        return text + " (input/output error: disk full, file-size limit or a failing disk)";
    default:
        return text;
    }
}

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql, const std::string& label)
    : m_db(db), m_label(label)
{
    const int code = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_statement, nullptr);
    if (code != SQLITE_OK)
        throw Error(sqliteProblem(code, db), {label});
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_statement); }

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_statement, index, value);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value)
{
    sqlite3_bind_double(m_statement, index, value);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text)
{
    sqlite3_bind_text64(m_statement, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const std::optional<double>& value)
{
    return value ? bind(index, *value) : bindNull(index);
}

SqliteStatement& SqliteStatement::bind(int index, const std::optional<std::int64_t>& value)
{
    return value ? bind(index, *value) : bindNull(index);
}

SqliteStatement& SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
    return *this;
}

bool SqliteStatement::step()
{
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW)
        return true;
    if (code == SQLITE_DONE)
        return false;
    sqlite3_reset(m_statement);
    throw Error(sqliteProblem(code, m_db), {m_label});
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::integer(int column) const { return sqlite3_column_int64(m_statement, column); }

double SqliteStatement::real(int column) const { return sqlite3_column_double(m_statement, column); }

std::string SqliteStatement::text(int column) const
{
    const auto* bytes = sqlite3_column_text(m_statement, column);
    const int size = sqlite3_column_bytes(m_statement, column);
    return bytes != nullptr ? std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size))
                            : std::string();
}

std::optional<double> SqliteStatement::optionalReal(int column) const
{
    return isNull(column) ? std::nullopt : std::optional<double>(real(column));
}

std::optional<std::int64_t> SqliteStatement::optionalInteger(int column) const
{
    return isNull(column) ? std::nullopt : std::optional<std::int64_t>(integer(column));
}

SqliteDatabase::SqliteDatabase(const std::string& path, Mode mode, int busyTimeoutMs)
    : m_path(path), m_busyTimeoutMs(busyTimeoutMs)
{
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (mode == Mode::ReadOnly)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | (mode == Mode::ReadWriteCreate ? SQLITE_OPEN_CREATE : 0);
    const int code = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (code != SQLITE_OK) {
        const std::string problem = sqliteProblem(code, m_db);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw Error("cannot open the experiment database: " + problem, {path});
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(m_db); }

bool SqliteDatabase::isReadOnly() const { return sqlite3_db_readonly(m_db, "main") == 1; }

void SqliteDatabase::fail(int code, std::string_view what) const
{
    throw Error(std::string(what) + ": " + sqliteProblem(code, m_db), {m_path});
}

void SqliteDatabase::exec(std::string_view sql)
{
    const std::string text(sql);
    const int code = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, nullptr);
    if (code != SQLITE_OK)
        fail(code, "database statement failed");
}

std::int64_t SqliteDatabase::queryInteger(std::string_view sql) const
{
    SqliteStatement statement = prepare(sql);
    return statement.step() ? statement.integer(0) : 0;
}

std::int64_t SqliteDatabase::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }

std::int64_t SqliteDatabase::changes() const { return sqlite3_changes64(m_db); }

// The busy handler already waits up to the timeout inside BEGIN IMMEDIATE;
// a few more rounds with back-off cover writers that hold the lock for a
// long transaction (e.g. a merge) without surfacing an error to the user.
void SqliteDatabase::beginImmediate()
{
    constexpr int kAttempts = 8;
    for (int attempt = 1;; ++attempt) {
        const int code = sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        if (code == SQLITE_OK)
            return;
        const int primary = code & 0xff;
        if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || attempt == kAttempts)
            fail(code, "cannot start a write");
        std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
    }
}

void SqliteDatabase::write(const std::function<void()>& body)
{
    if (isReadOnly())
        throw Error("the experiment database is read-only (file permissions or --read-only); nothing was written",
                    {m_path});
    beginImmediate();
    try {
        body();
        const int code = sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
        if (code != SQLITE_OK)
            fail(code, "cannot commit");
    } catch (...) {
        if (sqlite3_get_autocommit(m_db) == 0)
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

} // namespace mdse::core
