// Track.cxx - the methods of demo::Track, compiled into TrackDict.so with the dictionary.
#include "Track.h"

namespace demo {

Track::Track(int hits) : hits_(hits) {}
int Track::hits() const { return hits_; }
double Track::scaled(double factor) const { return hits_ * factor; }
std::string Track::label() const { return "track with " + std::to_string(hits_) + " hits"; }
void Track::reset() { hits_ = 0; }

}  // namespace demo
