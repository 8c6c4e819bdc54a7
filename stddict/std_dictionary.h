// std_dictionary.h - what the standard dictionary is made from: the standard
// headers whose classes it describes. The selection files choose the
// instantiations (std_sequences.xml, std_maps.xml).
#pragma once

#include <complex>
#include <deque>
#include <iostream>
#include <list>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>
