/*
 * folio/text.h: small text utilities readers and writers share.
 */
#ifndef FOLIO_TEXT_H
#define FOLIO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <folio/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Whether len bytes at s are valid UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF). On false, *bad_offset (if not NULL) is the
 * offset of the first byte of the first invalid sequence. */
FOLIO_API bool folio_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decodes the UTF-8 sequence at s (at most len bytes): returns its length
 * (1 to 4) and stores the code point in *codepoint, or returns 0 for an
 * invalid or truncated sequence (and for len 0). */
FOLIO_API size_t folio_utf8_decode(const char *s, size_t len,
                                   uint32_t *codepoint);

/* Writes codepoint (at most U+10FFFF; surrogates are the caller's to
 * avoid) as UTF-8 into out and returns its length, 1 to 4. */
FOLIO_API size_t folio_utf8_encode(uint32_t codepoint, char out[4]);

/* The 1-based line and column (in bytes) of offset in data; a line ends at
 * LF, CRLF or CR. */
FOLIO_API void folio_text_position(const char *data, size_t len,
                                   size_t offset, unsigned long *line,
                                   unsigned long *column);

/* The offset where the line that starts at offset start ends: its line
 * ending (the LF, the CR of a CRLF, or a CR), or len for the last line
 * when it has none. The usual way to walk a text line by line is
 * end = folio_text_line_end(s, len, start), then the next line starts
 * past the ending (two bytes for a CRLF). */
FOLIO_API size_t folio_text_line_end(const char *s, size_t len, size_t start);

/* Checks that data is valid UTF-8; if not, fills *err with
 * FOLIO_ERR_ENCODING, the line, column and byte offset of the first bad
 * byte, and returns that status. */
FOLIO_API folio_status folio_utf8_require(const char *data, size_t len,
                                          folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
