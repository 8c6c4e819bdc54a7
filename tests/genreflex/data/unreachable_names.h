// unreachable_names.h - genreflex test subject: public declarations whose
// signatures name what code outside the class cannot name. The generated
// dictionary must compile; what can be written through a name that is in
// reach stays, the rest is left out.
#pragma once

namespace unreachable {

class Keeper {
 private:
  struct Secret {
    int code = 7;
  };
  typedef int PrivateCount;

 protected:
  typedef Keeper Self;  // a protected name for a public class (as CLHEP's HepAxisAngle::AA)
  struct Guarded {
    int level = 2;
  };

 public:
  typedef Secret Disclosed;  // a public name for a private class

  Keeper() = default;
  Disclosed disclose() const { return Secret(); }                       // left out: the class is private
  int code(const Disclosed& secret) const { return secret.code; }       // left out
  Guarded* guarded() { return nullptr; }                                // left out: protected
  PrivateCount doubled(PrivateCount value) const { return 2 * value; }  // kept, as int
  Self& itself() { return *this; }                                      // kept, as unreachable::Keeper&
  int plain() const { return 1; }

  struct Exposed : Guarded {  // public, with a base out of reach: the base is left out
    int extra = 3;
  };

  Disclosed* secretPointer = nullptr;  // left out
  PrivateCount count = 5;              // kept, as int
};

typedef Keeper::Disclosed KeeperSecret;  // left out: names a private class

inline int secretCode(const Keeper::Disclosed& secret) { return secret.code; }  // left out
inline int keeperCount(const Keeper& keeper) { return keeper.count; }

}  // namespace unreachable
