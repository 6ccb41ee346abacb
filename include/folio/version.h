/*
 * folio/version.h: version numbers, and the export marker for public symbols.
 *
 * Two numbers matter to a plugin author:
 *  - the library version (FOLIO_VERSION_*), which names a release;
 *  - the plugin ABI version (FOLIO_ABI_*, in folio/plugin.h), which says what
 *    a plugin built against these headers may rely on.
 */
#ifndef FOLIO_VERSION_H
#define FOLIO_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

#define FOLIO_VERSION_MAJOR 0
#define FOLIO_VERSION_MINOR 1
#define FOLIO_VERSION_PATCH 0
#define FOLIO_VERSION_STRING "0.1.0"

/* The library is built with hidden visibility; only what carries FOLIO_API
 * is exported, and tests/symbols checks that list. */
#if defined(FOLIO_BUILDING_LIBRARY) && defined(__GNUC__)
#define FOLIO_API __attribute__((visibility("default")))
#else
#define FOLIO_API
#endif

#if defined(__GNUC__)
#define FOLIO_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define FOLIO_PRINTF(fmt, args)
#endif

/* The version of the library actually loaded, as "MAJOR.MINOR.PATCH".
 * It may differ from FOLIO_VERSION_STRING when a program was built against
 * other headers. The string is static: never free it. */
FOLIO_API const char *folio_version(void);

/* The same, as (MAJOR << 16) | (MINOR << 8) | PATCH. */
FOLIO_API int folio_version_number(void);

#ifdef __cplusplus
}
#endif
#endif
