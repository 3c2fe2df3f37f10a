/* Runs before the page is drawn: styles for scripted pages apply from the first paint. */
document.documentElement.classList.add("js");
