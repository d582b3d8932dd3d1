/* fts.h — Chinese full-text search on SQLite FTS5: the "juwei" tokenizer
 * and the turning of typed text into a safe MATCH expression.
 *
 * The tokenizer indexes every character (unigram) and every pair of
 * neighbouring characters (bigram), so a search word of any length finds
 * exactly the rows LIKE '%word%' finds (ASCII case-insensitively), but
 * through the index. doc/search.md has the SQL and the reasoning. */
#ifndef JUWEI_FTS_H
#define JUWEI_FTS_H

#include <sqlite3.h>

/* Registers the tokenizer "juwei" on this connection. Every connection that
 * reads or writes an FTS table declared with tokenize='juwei' (and so every
 * connection that fires the triggers keeping one up to date) must call it
 * first, right after opening. Returns 0, or -1 when SQLite lacks FTS5. */
int fts_register(sqlite3 *db);

/* The MATCH expression for what a person typed, malloc'd: each run of
 * non-space characters becomes one quoted phrase and all must match
 * ("张三 3号楼" → "\"张三\" AND \"3号楼\""). Nothing typed is FTS5 syntax:
 * quotes, *, ^, :, (, ), AND, OR, NOT and NEAR are searched for as text.
 * NULL when the text is NULL, empty or only spaces (search nothing then,
 * or list everything). Bind the result as a parameter; never paste it. */
char *fts_match(const char *user_text);

#endif
