/** The walkthrough panel's script. Imports only src/protocol. */
const root = document.getElementById('app');
if (root) root.textContent = 'Kube Walkthrough';
