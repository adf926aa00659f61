// Hands the reader a file made in the page. The link is never put in the
// document, so neither the theme's instant navigation nor the leave check sees it.
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function saveFile(bytes, name, type = DOCX) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
