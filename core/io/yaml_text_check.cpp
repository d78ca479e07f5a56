#include "core/io/yaml_text_check.h"

#include "core/util/error.h"

namespace mdse::core {
namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 if it is not
// well formed (RFC 3629, section 4: no overlong forms, no surrogates, at
// most U+10FFFF).
std::size_t utf8SequenceLength(std::string_view text, std::size_t i)
{
    const auto byte = [&](std::size_t k) {
        return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u;
    };
    const unsigned lead = byte(i);
    if (lead < 0x80)
        return 1;
    unsigned low = 0x80, high = 0xBF;
    std::size_t length = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (byte(i + 1) < low || byte(i + 1) > high)
        return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    return length;
}

// Tracks the flow nesting depth. A bracket opens a collection where a
// node may start (line start, after `- `, `: `, `? `, or inside a flow
// collection); elsewhere in block context it is part of a plain scalar.
// Quoted scalars and comments are skipped.
class FlowDepthScanner {
public:
    FlowDepthScanner(std::string_view text, std::string fileLabel)
        : m_text(text), m_file(std::move(fileLabel)) {}

    void run();

private:
    [[noreturn]] void fail(const std::string& message) const
    {
        throw Error(message, {m_file, m_line, m_column});
    }
    char peek(std::size_t offset = 1) const
    {
        return m_pos + offset < m_text.size() ? m_text[m_pos + offset] : '\n';
    }
    void advance();
    void skipQuoted(char quote);
    void skipComment();
    void visit(char c);

    std::string_view m_text;
    std::string m_file;
    std::size_t m_pos = 0;
    int m_line = 1, m_column = 1;
    int m_depth = 0;
    bool m_nodeStart = true;
};

void FlowDepthScanner::advance()
{
    const std::size_t length = utf8SequenceLength(m_text, m_pos);
    if (m_text[m_pos] == '\0')
        fail("the file contains a NUL byte: it is binary (or UTF-16), not UTF-8 YAML text");
    if (length == 0)
        fail("the file is not UTF-8 text (invalid byte sequence)");
    if (m_text[m_pos] == '\n') {
        ++m_line;
        m_column = 1;
    } else {
        ++m_column;
    }
    m_pos += length;
}

void FlowDepthScanner::skipQuoted(char quote)
{
    advance(); // the opening quote
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (quote == '"' && c == '\\' && m_pos + 1 < m_text.size()) {
            advance();
        } else if (c == quote) {
            if (quote == '\'' && peek() == '\'') { // '' escapes a quote
                advance();
            } else {
                advance();
                return;
            }
        }
        advance();
    }
}

void FlowDepthScanner::skipComment()
{
    while (m_pos < m_text.size() && m_text[m_pos] != '\n')
        advance();
}

void FlowDepthScanner::visit(char c)
{
    const bool flow = m_depth > 0;
    const bool blankNext = peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r';
    if ((c == '[' || c == '{') && (flow || m_nodeStart)) {
        if (++m_depth > kMaxYamlFlowNesting)
            fail("brackets nest deeper than " + std::to_string(kMaxYamlFlowNesting)
                 + " levels; a network file needs only a few");
        m_nodeStart = true;
    } else if ((c == ']' || c == '}') && flow) {
        --m_depth;
        m_nodeStart = false;
    } else if (c == ',' && flow) {
        m_nodeStart = true;
    } else if ((c == '-' || c == '?') && m_nodeStart && blankNext) {
        m_nodeStart = true;
    } else if (c == ':' && (blankNext || flow)) {
        m_nodeStart = true;
    } else if (c == '\n') {
        m_nodeStart = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
        m_nodeStart = false;
    }
}

void FlowDepthScanner::run()
{
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        const bool afterBlank = m_pos == 0 || m_text[m_pos - 1] == ' ' || m_text[m_pos - 1] == '\t'
            || m_text[m_pos - 1] == '\n';
        if ((c == '"' || c == '\'') && m_nodeStart) {
            skipQuoted(c);
            m_nodeStart = false;
        } else if (c == '#' && afterBlank) {
            skipComment();
        } else {
            visit(c);
            advance();
        }
    }
}

} // namespace

void checkYamlText(std::string_view text, const std::string& fileLabel)
{
    FlowDepthScanner(text, fileLabel).run();
}

} // namespace mdse::core
