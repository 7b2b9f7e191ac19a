//===- Npy.cpp - numpy .npy files -----------------------------------------===//

#include "kiln/Runtime/Npy.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using llvm::StringRef;

namespace kiln::runtime {

static llvm::Error fail(const std::string &name, const llvm::Twine &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (name + ": " + why).str());
}

// The value text of `key` in the header dict, e.g. "'<f4'" or "(2, 3)".
static std::optional<StringRef> headerValue(StringRef header, StringRef key) {
  size_t at = header.find(("'" + key + "'").str());
  if (at == StringRef::npos)
    return std::nullopt;
  StringRef rest = header.drop_front(at + key.size() + 2).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  rest = rest.ltrim();
  if (rest.starts_with("(")) {
    size_t close = rest.find(')');
    return close == StringRef::npos ? std::nullopt
                                    : std::optional<StringRef>(rest.take_front(close + 1));
  }
  return rest.take_until([](char c) { return c == ',' || c == '}'; }).trim();
}

llvm::Expected<HostTensor> parseNpy(StringRef bytes, const std::string &name) {
  if (!bytes.starts_with("\x93NUMPY"))
    return fail(name, "not a .npy file (bad magic)");
  if (bytes.size() < 10)
    return fail(name, "truncated .npy header");
  unsigned major = uint8_t(bytes[6]);
  size_t headerLen, headerStart;
  if (major == 1) {
    headerLen = uint8_t(bytes[8]) | (size_t(uint8_t(bytes[9])) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return fail(name, "truncated .npy header");
    headerLen = 0;
    for (int i = 0; i < 4; ++i)
      headerLen |= size_t(uint8_t(bytes[8 + i])) << (8 * i);
    headerStart = 12;
  } else {
    return fail(name, "unsupported .npy version " + llvm::Twine(major));
  }
  if (bytes.size() < headerStart + headerLen)
    return fail(name, "truncated .npy header");
  StringRef header = bytes.substr(headerStart, headerLen);

  auto descr = headerValue(header, "descr");
  auto order = headerValue(header, "fortran_order");
  auto shapeText = headerValue(header, "shape");
  if (!descr || !order || !shapeText)
    return fail(name, "malformed .npy header: " + header.trim());
  DType dtype;
  StringRef d = descr->trim("'\" ");
  if (d == "<f4")
    dtype = DType::f32;
  else if (d == "<f8")
    dtype = DType::f64;
  else if (d == "<i4")
    dtype = DType::i32;
  else if (d == "<i8")
    dtype = DType::i64;
  else
    return fail(name, "unsupported dtype '" + d +
                          "' (Kiln reads float32, float64, int32 and int64, "
                          "little-endian)");
  if (*order != "False")
    return fail(name, "Fortran-ordered arrays are not supported; save a C-ordered "
                      "copy (numpy.ascontiguousarray)");

  std::vector<int64_t> shape;
  StringRef dims = shapeText->trim("() ");
  while (!dims.empty()) {
    auto [head, tail] = dims.split(',');
    head = head.trim();
    if (!head.empty()) {
      int64_t v;
      if (head.getAsInteger(10, v) || v < 0)
        return fail(name, "malformed shape " + *shapeText);
      shape.push_back(v);
    }
    dims = tail.trim();
  }

  // Size the data before allocating anything: the header may lie.
  uint64_t need = byteSize(dtype);
  for (int64_t d : shape)
    if (__builtin_mul_overflow(need, uint64_t(d), &need))
      return fail(name, "shape " + shapeString(shape) + " is too large");
  size_t have = bytes.size() - headerStart - headerLen;
  if (have < need)
    return fail(name, "truncated: a " + llvm::Twine(dtypeName(dtype)) + " array of shape " +
                          shapeString(shape) + " needs " + llvm::Twine(need) +
                          " bytes of data, the file has " + llvm::Twine(have));
  HostTensor t(dtype, shape);
  if (need)
    std::memcpy(t.data(), bytes.data() + headerStart + headerLen, need);
  return t;
}

llvm::Expected<HostTensor> readNpy(const std::string &path) {
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file)
    return fail(path, "cannot read: " + file.getError().message());
  return parseNpy((*file)->getBuffer(), path);
}

llvm::Error writeNpy(const std::string &path, const HostTensor &t) {
  static const char *descr[] = {"<f4", "<f8", "<i4", "<i8"};
  std::string shape = "(";
  for (int64_t d : t.shape)
    shape += std::to_string(d) + ", ";
  if (t.shape.size() > 1)
    shape.resize(shape.size() - 2);
  else if (t.shape.size() == 1)
    shape.resize(shape.size() - 1); // "(5,)"
  shape += ")";
  std::string header = "{'descr': '" + std::string(descr[int(t.dtype)]) +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad so the data starts 64-byte aligned; the header ends with '\n'.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';

  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return fail(path, "cannot write: " + ec.message());
  os << "\x93NUMPY" << char(1) << char(0) << char(header.size() & 0xff)
     << char(header.size() >> 8) << header;
  os.write(reinterpret_cast<const char *>(t.data()), t.numBytes());
  os.close();
  if (os.has_error())
    return fail(path, "write failed: " + os.error().message());
  return llvm::Error::success();
}

} // namespace kiln::runtime
