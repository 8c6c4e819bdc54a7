/* native_api_layout_test.c - pins the layout of the structs the native API
 * (dictloader.h) hands to visitors (x86-64 / LP64).
 *
 * Compiling this file is the test: clients built against an earlier
 * dictloader.h read these members at these offsets. Later API versions may
 * only append members (and pins). Built as C, which the header promises.
 */
#include <stddef.h>

#include "dictloader/dictloader.h"

#define DL_PIN(type, field, offset) _Static_assert(offsetof(type, field) == offset, #type "." #field " moved")

_Static_assert(DICTLOADER_API_VERSION == 2, "a new native API version: pin what it adds");

_Static_assert(sizeof(dictloader_provider) == 32, "sizeof(dictloader_provider) changed");
DL_PIN(dictloader_provider, name, 0);
DL_PIN(dictloader_provider, kind, 8);
DL_PIN(dictloader_provider, library, 16);
DL_PIN(dictloader_provider, catalog, 24);

_Static_assert(sizeof(dictloader_catalog_library) == 88, "sizeof(dictloader_catalog_library) changed");
DL_PIN(dictloader_catalog_library, path, 0);
DL_PIN(dictloader_catalog_library, name, 8);
DL_PIN(dictloader_catalog_library, generator, 16);
DL_PIN(dictloader_catalog_library, abi_major, 24);
DL_PIN(dictloader_catalog_library, abi_minor, 28);
DL_PIN(dictloader_catalog_library, content_hash, 32);
DL_PIN(dictloader_catalog_library, generated, 40);
DL_PIN(dictloader_catalog_library, origin, 48);
DL_PIN(dictloader_catalog_library, state, 56);
DL_PIN(dictloader_catalog_library, num_names, 64);
DL_PIN(dictloader_catalog_library, names, 72);
DL_PIN(dictloader_catalog_library, kinds, 80);
