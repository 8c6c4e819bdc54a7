"""Real headers from Debian packages, end to end on pypy3 (run by ctest).

    pypy3 check_real_headers.py GENREFLEX WORKDIR

zlib.h (C, with va_list functions and typedefs from zconf.h) and Boost's
options_description.hpp (C++, with a base class from another header) are turned
into dictionaries, loaded, and used.
"""
import os
import subprocess
import sys


def generate(genreflex, header, output, *flags):
    result = subprocess.run([genreflex, header, "-o", output] + list(flags),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    assert result.returncode == 0, "genreflex %s failed:\n%s" % (header, result.stderr)


def main():
    genreflex, workdir = sys.argv[1:3]
    os.makedirs(workdir, exist_ok=True)
    zlib = os.path.join(workdir, "libZlibDict.so")
    options = os.path.join(workdir, "libProgramOptionsDict.so")
    generate(genreflex, "/usr/include/zlib.h", zlib, "-lz")
    generate(genreflex, "/usr/include/boost/program_options/options_description.hpp", options,
             "-lboost_program_options")

    import array
    import cppyy
    cppyy.load_reflection_info(zlib)
    gbl = cppyy.gbl
    assert gbl.zlibVersion().startswith("1."), gbl.zlibVersion()
    # Bytef*, uLongf* and uLong: typedefs from zconf.h, which genreflex was not asked about
    text = b"hello, hello, hello, hello, hello, hello"
    source = array.array("B", text)
    packed, packed_size = array.array("B", bytes(128)), array.array("L", [128])
    assert gbl.compress(packed, packed_size, source, len(source)) == 0
    assert 0 < packed_size[0] < len(text)
    unpacked, unpacked_size = array.array("B", bytes(128)), array.array("L", [128])
    assert gbl.uncompress(unpacked, unpacked_size, packed, packed_size[0]) == 0
    assert bytes(unpacked[:unpacked_size[0]]) == text
    stream = gbl.z_stream_s()
    assert stream.total_in == 0
    print("zlib.h: compress/uncompress round trip OK")

    cppyy.load_reflection_info(options)
    po = gbl.boost.program_options
    description = po.options_description("Options", 100, 50)
    assert description.get_option_column_width() > 0
    assert not description.find_nothrow("no-such-option", False)  # a null option_description*
    # duplicate_option_error's base class lives in errors.hpp, which is in no dictionary
    error = po.duplicate_option_error("twice")
    assert type(error).__name__ == "duplicate_option_error"
    print("options_description.hpp: options_description and duplicate_option_error OK")
    print("real headers OK")


if __name__ == "__main__":
    main()
