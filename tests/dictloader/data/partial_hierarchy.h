// partial_hierarchy.h - dictloader test subject: classes whose bases are only
// partly described (HiddenBase comes from a header genreflex is not asked about).
#pragma once

#include "hidden_base.h"

namespace partial {
struct KnownBase {
  int known = 3;
};
struct OnlyHidden : HiddenBase {
  int own() const { return 1; }
};
struct Mixed : HiddenBase, KnownBase {
  int own() const { return 2; }
};
}  // namespace partial
