#include <folio/version.h>

const char *folio_version(void)
{
    return FOLIO_VERSION_STRING;
}

int folio_version_number(void)
{
    return (FOLIO_VERSION_MAJOR << 16) | (FOLIO_VERSION_MINOR << 8) |
           FOLIO_VERSION_PATCH;
}
