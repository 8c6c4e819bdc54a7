// hidden_base.h - a base class no test dictionary describes.
#pragma once

struct HiddenBase {
  virtual ~HiddenBase() = default;
  int hidden = 7;
};
